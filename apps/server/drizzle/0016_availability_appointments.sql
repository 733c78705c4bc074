-- btree_gist lets one exclusion constraint compare ids with = and time ranges with &&. It is a trusted extension:
-- the migrating owner needs CREATE on the database, not superuser. PGlite loads it from its contrib build (db/index.ts).
CREATE EXTENSION IF NOT EXISTS btree_gist;--> statement-breakpoint
CREATE TABLE "appointment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"participant_id" uuid NOT NULL,
	"episode_id" uuid NOT NULL,
	"clinician_id" text NOT NULL,
	"site_id" uuid NOT NULL,
	"room_id" uuid,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"local_date" date NOT NULL,
	"status" text DEFAULT 'booked' NOT NULL,
	"reason" text,
	"booked_by" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appointment_org_id_id_key" UNIQUE("org_id","id"),
	CONSTRAINT "appointment_kind_check" CHECK ("appointment"."kind" in ('individual', 'family', 'psychiatry', 'medication_management')),
	CONSTRAINT "appointment_status_check" CHECK ("appointment"."status" in ('booked', 'cancelled', 'late_cancelled', 'no_show', 'attended')),
	CONSTRAINT "appointment_time_order_check" CHECK ("appointment"."starts_at" < "appointment"."ends_at"),
	CONSTRAINT "appointment_cancel_reason_check" CHECK ("appointment"."status" not in ('cancelled', 'late_cancelled') or "appointment"."reason" is not null),
	CONSTRAINT "appointment_reason_check" CHECK ("appointment"."reason" is null or length("appointment"."reason") between 1 and 500)
);
--> statement-breakpoint
CREATE TABLE "clinician_availability" (
	"org_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"max_sessions_per_day" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clinician_availability_org_id_user_id_pk" PRIMARY KEY("org_id","user_id"),
	CONSTRAINT "clinician_availability_max_check" CHECK ("clinician_availability"."max_sessions_per_day" is null or "clinician_availability"."max_sessions_per_day" between 1 and 24)
);
--> statement-breakpoint
CREATE TABLE "clinician_exception" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"note" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clinician_exception_org_id_id_key" UNIQUE("org_id","id"),
	CONSTRAINT "clinician_exception_kind_check" CHECK ("clinician_exception"."kind" in ('leave', 'training', 'other')),
	CONSTRAINT "clinician_exception_order_check" CHECK ("clinician_exception"."starts_at" < "clinician_exception"."ends_at"),
	CONSTRAINT "clinician_exception_note_check" CHECK (coalesce(length("clinician_exception"."note"), 0) <= 200)
);
--> statement-breakpoint
CREATE TABLE "clinician_hours_rule" (
	"org_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"site_id" uuid NOT NULL,
	"weekday" integer NOT NULL,
	"start_time" text NOT NULL,
	"end_time" text NOT NULL,
	CONSTRAINT "clinician_hours_rule_org_id_user_id_site_id_weekday_start_time_pk" PRIMARY KEY("org_id","user_id","site_id","weekday","start_time"),
	CONSTRAINT "clinician_hours_rule_weekday_check" CHECK ("clinician_hours_rule"."weekday" between 1 and 7),
	CONSTRAINT "clinician_hours_rule_time_check" CHECK ("clinician_hours_rule"."start_time" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' and "clinician_hours_rule"."end_time" ~ '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$' and "clinician_hours_rule"."start_time" < "clinician_hours_rule"."end_time")
);
--> statement-breakpoint
CREATE TABLE "participant_unavailability" (
	"org_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "participant_unavailability_org_id_participant_id_pk" PRIMARY KEY("org_id","participant_id")
);
--> statement-breakpoint
CREATE TABLE "participant_unavailability_exception" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "participant_unavailability_exception_org_id_id_key" UNIQUE("org_id","id"),
	CONSTRAINT "participant_unavailability_exception_order_check" CHECK ("participant_unavailability_exception"."starts_at" < "participant_unavailability_exception"."ends_at"),
	CONSTRAINT "participant_unavailability_exception_note_check" CHECK (coalesce(length("participant_unavailability_exception"."note"), 0) <= 200)
);
--> statement-breakpoint
CREATE TABLE "participant_unavailability_rule" (
	"org_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"weekday" integer NOT NULL,
	"start_time" text NOT NULL,
	"end_time" text NOT NULL,
	CONSTRAINT "participant_unavailability_rule_org_id_participant_id_reason_weekday_start_time_pk" PRIMARY KEY("org_id","participant_id","reason","weekday","start_time"),
	CONSTRAINT "participant_unavailability_rule_reason_check" CHECK ("participant_unavailability_rule"."reason" in ('work', 'school', 'childcare', 'other')),
	CONSTRAINT "participant_unavailability_rule_weekday_check" CHECK ("participant_unavailability_rule"."weekday" between 1 and 7),
	CONSTRAINT "participant_unavailability_rule_time_check" CHECK ("participant_unavailability_rule"."start_time" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' and "participant_unavailability_rule"."end_time" ~ '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$' and "participant_unavailability_rule"."start_time" < "participant_unavailability_rule"."end_time")
);
--> statement-breakpoint
ALTER TABLE "appointment" ADD CONSTRAINT "appointment_episode_participant_fk" FOREIGN KEY ("org_id","episode_id","participant_id") REFERENCES "public"."episode"("org_id","id","participant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment" ADD CONSTRAINT "appointment_clinician_fk" FOREIGN KEY ("org_id","clinician_id") REFERENCES "public"."app_user"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment" ADD CONSTRAINT "appointment_booked_by_fk" FOREIGN KEY ("org_id","booked_by") REFERENCES "public"."app_user"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment" ADD CONSTRAINT "appointment_site_fk" FOREIGN KEY ("org_id","site_id") REFERENCES "public"."site"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment" ADD CONSTRAINT "appointment_room_fk" FOREIGN KEY ("org_id","room_id") REFERENCES "public"."room"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinician_availability" ADD CONSTRAINT "clinician_availability_user_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."app_user"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinician_exception" ADD CONSTRAINT "clinician_exception_user_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."app_user"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinician_hours_rule" ADD CONSTRAINT "clinician_hours_rule_availability_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."clinician_availability"("org_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinician_hours_rule" ADD CONSTRAINT "clinician_hours_rule_site_fk" FOREIGN KEY ("org_id","site_id") REFERENCES "public"."site"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participant_unavailability" ADD CONSTRAINT "participant_unavailability_participant_fk" FOREIGN KEY ("org_id","participant_id") REFERENCES "public"."participant"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participant_unavailability_exception" ADD CONSTRAINT "participant_unavailability_exception_participant_fk" FOREIGN KEY ("org_id","participant_id") REFERENCES "public"."participant"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participant_unavailability_rule" ADD CONSTRAINT "participant_unavailability_rule_owner_fk" FOREIGN KEY ("org_id","participant_id") REFERENCES "public"."participant_unavailability"("org_id","participant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appointment_participant_idx" ON "appointment" USING btree ("org_id","participant_id","starts_at");--> statement-breakpoint
CREATE INDEX "appointment_clinician_idx" ON "appointment" USING btree ("org_id","clinician_id","starts_at");--> statement-breakpoint
CREATE INDEX "appointment_episode_date_idx" ON "appointment" USING btree ("org_id","episode_id","local_date");--> statement-breakpoint
CREATE INDEX "appointment_room_idx" ON "appointment" USING btree ("org_id","room_id","starts_at");--> statement-breakpoint
CREATE INDEX "clinician_exception_user_idx" ON "clinician_exception" USING btree ("org_id","user_id","starts_at");--> statement-breakpoint
CREATE INDEX "participant_unavailability_exception_idx" ON "participant_unavailability_exception" USING btree ("org_id","participant_id","starts_at");--> statement-breakpoint
-- No double booking, whatever races the application loses: while an appointment holds its time (booked, or attended),
-- no other may overlap it for the same clinician, the same participant or the same room. Ranges are [start, end), so
-- back-to-back appointments do not clash. The app maps each constraint to a 409 naming the clash.
ALTER TABLE "appointment" ADD CONSTRAINT "appointment_clinician_excl" EXCLUDE USING gist (
  "org_id" WITH =, "clinician_id" WITH =, tstzrange("starts_at", "ends_at") WITH &&
) WHERE ("status" in ('booked', 'attended'));--> statement-breakpoint
ALTER TABLE "appointment" ADD CONSTRAINT "appointment_participant_excl" EXCLUDE USING gist (
  "org_id" WITH =, "participant_id" WITH =, tstzrange("starts_at", "ends_at") WITH &&
) WHERE ("status" in ('booked', 'attended'));--> statement-breakpoint
ALTER TABLE "appointment" ADD CONSTRAINT "appointment_room_excl" EXCLUDE USING gist (
  "org_id" WITH =, "room_id" WITH =, tstzrange("starts_at", "ends_at") WITH &&
) WHERE ("status" in ('booked', 'attended') and "room_id" is not null);
