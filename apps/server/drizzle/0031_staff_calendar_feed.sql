-- Staff calendars as private iCalendar feeds (issue 9): one feed per staff member, keeping only the sha-256 of the
-- token in its address (a calendar app fetches without cookies, so the token is the credential). Regenerating replaces
-- the hash; revoking deletes the row, so trellis_app keeps DELETE here (0008's default privileges).
CREATE TABLE "staff_calendar_feed" (
	"org_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_calendar_feed_org_id_user_id_pk" PRIMARY KEY("org_id","user_id"),
	CONSTRAINT "staff_calendar_feed_token_hash_check" CHECK ("staff_calendar_feed"."token_hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
ALTER TABLE "staff_calendar_feed" ADD CONSTRAINT "staff_calendar_feed_user_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."app_user"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "staff_calendar_feed_token_key" ON "staff_calendar_feed" USING btree ("token_hash");