CREATE TABLE "session_facilitator" (
	"org_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "session_facilitator_org_id_session_id_user_id_pk" PRIMARY KEY("org_id","session_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "session_facilitator" ADD CONSTRAINT "session_facilitator_session_fk" FOREIGN KEY ("org_id","session_id") REFERENCES "public"."session"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_facilitator" ADD CONSTRAINT "session_facilitator_user_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."app_user"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "session_facilitator_user_idx" ON "session_facilitator" USING btree ("org_id","user_id");--> statement-breakpoint
-- Who facilitates a session: its lead (session.facilitator_id) and its co-facilitators, one row each. Every query that
-- asks "which sessions hold this staff member's time" (appointment clash checks, the slot finder, the auto-scheduler's
-- calendars, the daily limit, a prescriber's day, roll access) reads this view, so a co-facilitated group counts on
-- every facilitator's calendar by one rule in one place.
CREATE VIEW trellis_session_facilitators AS
  SELECT s.org_id, s.id AS session_id, s.facilitator_id AS user_id, true AS lead
    FROM session s
   WHERE s.facilitator_id IS NOT NULL
  UNION ALL
  SELECT f.org_id, f.session_id, f.user_id, false AS lead
    FROM session_facilitator f;
--> statement-breakpoint
CREATE INDEX session_facilitator_lead_idx ON session (org_id, facilitator_id, local_date) WHERE facilitator_id IS NOT NULL;
--> statement-breakpoint
-- A session's co-facilitators as [{ id, name }] by name, for the calendar and the roll alike.
CREATE FUNCTION trellis_session_co_facilitators(p_org_id uuid, p_session_id uuid) RETURNS json
  LANGUAGE sql STABLE AS $$
  SELECT coalesce(json_agg(json_build_object('id', u.id, 'name', u.name) ORDER BY u.name, u.id), '[]'::json)
    FROM trellis_session_facilitators f
    JOIN app_user u ON u.org_id = f.org_id AND u.id = f.user_id
   WHERE f.org_id = p_org_id AND f.session_id = p_session_id AND NOT f.lead
$$;
