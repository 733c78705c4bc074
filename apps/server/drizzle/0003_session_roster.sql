CREATE TABLE "session_roster" (
	"org_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"episode_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "session_roster_org_id_session_id_participant_id_pk" PRIMARY KEY("org_id","session_id","participant_id")
);
--> statement-breakpoint
ALTER TABLE "session" ADD COLUMN "chosen_roster" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "session_roster" ADD CONSTRAINT "session_roster_session_fk" FOREIGN KEY ("org_id","session_id") REFERENCES "public"."session"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_roster" ADD CONSTRAINT "session_roster_episode_fk" FOREIGN KEY ("org_id","episode_id") REFERENCES "public"."episode"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_roster" ADD CONSTRAINT "session_roster_participant_fk" FOREIGN KEY ("org_id","participant_id") REFERENCES "public"."participant"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "session_roster_episode_idx" ON "session_roster" USING btree ("org_id","episode_id");--> statement-breakpoint
CREATE INDEX "session_roster_participant_idx" ON "session_roster" USING btree ("org_id","participant_id");--> statement-breakpoint
CREATE INDEX "track_membership_participant_idx" ON "track_membership" USING btree ("org_id","participant_id");