CREATE TABLE "track_block_facilitator" (
	"org_id" uuid NOT NULL,
	"track_block_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "track_block_facilitator_org_id_track_block_id_user_id_pk" PRIMARY KEY("org_id","track_block_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "track_block_facilitator" ADD CONSTRAINT "track_block_facilitator_block_fk" FOREIGN KEY ("org_id","track_block_id") REFERENCES "public"."track_block"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "track_block_facilitator" ADD CONSTRAINT "track_block_facilitator_user_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."app_user"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "track_block_facilitator_user_idx" ON "track_block_facilitator" USING btree ("org_id","user_id");--> statement-breakpoint
-- Who runs a weekly block: its lead (track_block.facilitator_id) and its co-facilitators, one row each. The track
-- editor's double-booking warning reads this, as every session calendar reads trellis_session_facilitators.
CREATE VIEW trellis_track_block_facilitators AS
  SELECT b.org_id, b.id AS track_block_id, b.facilitator_id AS user_id, true AS lead
    FROM track_block b
   WHERE b.facilitator_id IS NOT NULL
  UNION ALL
  SELECT f.org_id, f.track_block_id, f.user_id, false AS lead
    FROM track_block_facilitator f;
