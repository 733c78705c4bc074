CREATE TABLE "program_hours" (
	"org_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"effective_from" date NOT NULL,
	"min_weekly_minutes" integer NOT NULL,
	"max_weekly_minutes" integer,
	"per_diem_min_minutes" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "program_hours_org_id_program_id_effective_from_pk" PRIMARY KEY("org_id","program_id","effective_from"),
	CONSTRAINT "program_hours_order_check" CHECK ("program_hours"."min_weekly_minutes" >= 0 and "program_hours"."per_diem_min_minutes" >= 0 and ("program_hours"."max_weekly_minutes" is null or "program_hours"."max_weekly_minutes" >= "program_hours"."min_weekly_minutes"))
);
--> statement-breakpoint
CREATE TABLE "site_closure" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "site_closure_org_id_id_key" UNIQUE("org_id","id"),
	CONSTRAINT "site_closure_date_order_check" CHECK ("site_closure"."from_date" <= "site_closure"."to_date")
);
--> statement-breakpoint
ALTER TABLE "episode" ADD CONSTRAINT "episode_org_id_participant_key" UNIQUE("org_id","id","participant_id");
--> statement-breakpoint
ALTER TABLE "program" ADD CONSTRAINT "program_org_id_site_key" UNIQUE("org_id","id","site_id");
--> statement-breakpoint
ALTER TABLE "track" ADD CONSTRAINT "track_org_id_program_key" UNIQUE("org_id","id","program_id");
--> statement-breakpoint
ALTER TABLE "session" ADD COLUMN "break_minutes" integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
ALTER TABLE "track_block" ADD COLUMN "break_minutes" integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
ALTER TABLE "program_hours" ADD CONSTRAINT "program_hours_program_fk" FOREIGN KEY ("org_id","program_id") REFERENCES "public"."program"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "site_closure" ADD CONSTRAINT "site_closure_site_fk" FOREIGN KEY ("org_id","site_id") REFERENCES "public"."site"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "site_closure_site_idx" ON "site_closure" USING btree ("org_id","site_id","from_date");
--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_episode_participant_fk" FOREIGN KEY ("org_id","episode_id","participant_id") REFERENCES "public"."episode"("org_id","id","participant_id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "session" ADD CONSTRAINT "session_track_program_fk" FOREIGN KEY ("org_id","track_id","program_id") REFERENCES "public"."track"("org_id","id","program_id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "session" ADD CONSTRAINT "session_program_site_fk" FOREIGN KEY ("org_id","program_id","site_id") REFERENCES "public"."program"("org_id","id","site_id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "session_roster" ADD CONSTRAINT "session_roster_episode_participant_fk" FOREIGN KEY ("org_id","episode_id","participant_id") REFERENCES "public"."episode"("org_id","id","participant_id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "track_membership" ADD CONSTRAINT "track_membership_episode_participant_fk" FOREIGN KEY ("org_id","episode_id","participant_id") REFERENCES "public"."episode"("org_id","id","participant_id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_status_check" CHECK ("attendance"."status" in ('present', 'late', 'left_early', 'absent', 'excused'));
--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_minutes_check" CHECK ("attendance"."late_minutes" >= 0 and "attendance"."left_early_minutes" >= 0 and "attendance"."minutes_attended" >= 0);
--> statement-breakpoint
ALTER TABLE "episode" ADD CONSTRAINT "episode_status_check" CHECK ("episode"."status" in ('active', 'discharged'));
--> statement-breakpoint
ALTER TABLE "episode" ADD CONSTRAINT "episode_disposition_check" CHECK ("episode"."disposition" is null or "episode"."disposition" in ('completed', 'stepped_down', 'stepped_up', 'left_against_advice', 'administrative', 'transferred'));
--> statement-breakpoint
ALTER TABLE "episode" ADD CONSTRAINT "episode_date_order_check" CHECK ("episode"."discharged_on" is null or "episode"."admitted_on" <= "episode"."discharged_on");
--> statement-breakpoint
ALTER TABLE "episode" ADD CONSTRAINT "episode_status_discharge_check" CHECK (("episode"."status" = 'active' and "episode"."discharged_on" is null and "episode"."disposition" is null) or ("episode"."status" = 'discharged' and "episode"."discharged_on" is not null and "episode"."disposition" is not null));
--> statement-breakpoint
ALTER TABLE "program" ADD CONSTRAINT "program_level_of_care_check" CHECK ("program"."level_of_care" in ('iop', 'php', 'op'));
--> statement-breakpoint
ALTER TABLE "program" ADD CONSTRAINT "program_population_check" CHECK ("program"."population" in ('adult', 'adolescent'));
--> statement-breakpoint
ALTER TABLE "program" ADD CONSTRAINT "program_focus_check" CHECK ("program"."focus" in ('mental_health', 'substance_use', 'co_occurring'));
--> statement-breakpoint
ALTER TABLE "program" ADD CONSTRAINT "program_hours_order_check" CHECK ("program"."min_weekly_minutes" >= 0 and "program"."per_diem_min_minutes" >= 0 and ("program"."max_weekly_minutes" is null or "program"."max_weekly_minutes" >= "program"."min_weekly_minutes"));
--> statement-breakpoint
ALTER TABLE "room" ADD CONSTRAINT "room_kind_check" CHECK ("room"."kind" in ('physical', 'virtual'));
--> statement-breakpoint
ALTER TABLE "session" ADD CONSTRAINT "session_kind_check" CHECK ("session"."kind" in ('group_therapy', 'psychoeducation', 'skills', 'family', 'holistic', 'recreational'));
--> statement-breakpoint
ALTER TABLE "session" ADD CONSTRAINT "session_status_check" CHECK ("session"."status" in ('scheduled', 'cancelled'));
--> statement-breakpoint
ALTER TABLE "session" ADD CONSTRAINT "session_time_order_check" CHECK ("session"."starts_at" < "session"."ends_at");
--> statement-breakpoint
ALTER TABLE "session" ADD CONSTRAINT "session_break_check" CHECK ("session"."break_minutes" >= 0);
--> statement-breakpoint
ALTER TABLE "track_block" ADD CONSTRAINT "track_block_kind_check" CHECK ("track_block"."kind" in ('group_therapy', 'psychoeducation', 'skills', 'family', 'holistic', 'recreational'));
--> statement-breakpoint
ALTER TABLE "track_block" ADD CONSTRAINT "track_block_weekday_check" CHECK ("track_block"."weekday" between 1 and 7);
--> statement-breakpoint
ALTER TABLE "track_block" ADD CONSTRAINT "track_block_time_order_check" CHECK ("track_block"."start_time" < "track_block"."end_time");
--> statement-breakpoint
ALTER TABLE "track_block" ADD CONSTRAINT "track_block_break_check" CHECK ("track_block"."break_minutes" >= 0);
--> statement-breakpoint
ALTER TABLE "track_membership" ADD CONSTRAINT "track_membership_date_order_check" CHECK ("track_membership"."to_date" is null or "track_membership"."from_date" <= "track_membership"."to_date");
--> statement-breakpoint
-- Every existing program's hours have been in force since before any week it was judged in.
INSERT INTO "program_hours" ("org_id", "program_id", "effective_from", "min_weekly_minutes", "max_weekly_minutes", "per_diem_min_minutes")
  SELECT "org_id", "id", '1900-01-01', "min_weekly_minutes", "max_weekly_minutes", "per_diem_min_minutes" FROM "program";
