CREATE TABLE "check_in" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"episode_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"mood" integer NOT NULL,
	"anxiety" integer NOT NULL,
	"craving" integer NOT NULL,
	"sleep_hours" real NOT NULL,
	"any_use" boolean NOT NULL,
	"substances_used" text,
	"self_harm_thoughts" boolean NOT NULL,
	"note" text,
	"source" text NOT NULL,
	"entered_by" text,
	"checked_in_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "check_in_org_id_id_key" UNIQUE("org_id","id"),
	CONSTRAINT "check_in_org_id_participant_key" UNIQUE("org_id","id","participant_id"),
	CONSTRAINT "check_in_ratings_check" CHECK ("check_in"."mood" between 0 and 10 and "check_in"."anxiety" between 0 and 10 and "check_in"."craving" between 0 and 10),
	CONSTRAINT "check_in_sleep_check" CHECK ("check_in"."sleep_hours" between 0 and 24 and "check_in"."sleep_hours" * 4 = floor("check_in"."sleep_hours" * 4)),
	CONSTRAINT "check_in_use_check" CHECK ("check_in"."any_use" = ("check_in"."substances_used" is not null)),
	CONSTRAINT "check_in_text_check" CHECK (coalesce(length("check_in"."substances_used"), 0) <= 200 and coalesce(length("check_in"."note"), 0) <= 2000),
	CONSTRAINT "check_in_source_check" CHECK ("check_in"."source" in ('staff', 'link')),
	CONSTRAINT "check_in_entered_by_check" CHECK (("check_in"."source" = 'staff') = ("check_in"."entered_by" is not null))
);
--> statement-breakpoint
CREATE TABLE "measure_link" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"episode_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"instrument" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"response_id" uuid,
	"check_in_id" uuid,
	"submission_hash" text,
	CONSTRAINT "measure_link_org_id_id_key" UNIQUE("org_id","id"),
	CONSTRAINT "measure_link_org_token_key" UNIQUE("org_id","token_hash"),
	CONSTRAINT "measure_link_instrument_check" CHECK ("measure_link"."instrument" in ('phq-9', 'gad-7', 'audit', 'audit-c', 'dast-10', 'pcl-5', 'c-ssrs-screener', 'bam', 'check-in')),
	CONSTRAINT "measure_link_expiry_check" CHECK ("measure_link"."expires_at" > "measure_link"."created_at"),
	CONSTRAINT "measure_link_used_check" CHECK (("measure_link"."used_at" is null and "measure_link"."response_id" is null and "measure_link"."check_in_id" is null and "measure_link"."submission_hash" is null) or ("measure_link"."used_at" is not null and "measure_link"."submission_hash" is not null and case when "measure_link"."instrument" = 'check-in' then "measure_link"."check_in_id" is not null and "measure_link"."response_id" is null else "measure_link"."response_id" is not null and "measure_link"."check_in_id" is null end))
);
--> statement-breakpoint
CREATE TABLE "measurement_schedule" (
	"org_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"instrument_id" text NOT NULL,
	"at_admission" boolean NOT NULL,
	"every_days" integer,
	"at_discharge" boolean NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "measurement_schedule_org_id_program_id_instrument_id_pk" PRIMARY KEY("org_id","program_id","instrument_id"),
	CONSTRAINT "measurement_schedule_instrument_check" CHECK ("measurement_schedule"."instrument_id" in ('phq-9', 'gad-7', 'audit', 'audit-c', 'dast-10', 'pcl-5', 'c-ssrs-screener', 'bam')),
	CONSTRAINT "measurement_schedule_every_days_check" CHECK ("measurement_schedule"."every_days" is null or "measurement_schedule"."every_days" between 1 and 365),
	CONSTRAINT "measurement_schedule_asks_check" CHECK ("measurement_schedule"."at_admission" or "measurement_schedule"."every_days" is not null or "measurement_schedule"."at_discharge")
);
--> statement-breakpoint
CREATE TABLE "safety_plan" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"plan" jsonb NOT NULL,
	"saved_by" text NOT NULL,
	"saved_at" timestamp with time zone NOT NULL,
	CONSTRAINT "safety_plan_version_key" UNIQUE("org_id","participant_id","version"),
	CONSTRAINT "safety_plan_version_check" CHECK ("safety_plan"."version" >= 1),
	CONSTRAINT "safety_plan_object_check" CHECK (jsonb_typeof("safety_plan"."plan") = 'object')
);
--> statement-breakpoint
ALTER TABLE "measure_response" DROP CONSTRAINT "measure_response_source_check";--> statement-breakpoint
ALTER TABLE "safety_alert" DROP CONSTRAINT "safety_alert_response_check";--> statement-breakpoint
ALTER TABLE "measure_response" ALTER COLUMN "entered_by" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "safety_alert" ADD COLUMN "check_in_id" uuid;--> statement-breakpoint
ALTER TABLE "check_in" ADD CONSTRAINT "check_in_episode_participant_fk" FOREIGN KEY ("org_id","episode_id","participant_id") REFERENCES "public"."episode"("org_id","id","participant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_in" ADD CONSTRAINT "check_in_entered_by_fk" FOREIGN KEY ("org_id","entered_by") REFERENCES "public"."app_user"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_link" ADD CONSTRAINT "measure_link_episode_participant_fk" FOREIGN KEY ("org_id","episode_id","participant_id") REFERENCES "public"."episode"("org_id","id","participant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_link" ADD CONSTRAINT "measure_link_created_by_fk" FOREIGN KEY ("org_id","created_by") REFERENCES "public"."app_user"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_link" ADD CONSTRAINT "measure_link_response_fk" FOREIGN KEY ("org_id","response_id","participant_id") REFERENCES "public"."measure_response"("org_id","id","participant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_link" ADD CONSTRAINT "measure_link_check_in_fk" FOREIGN KEY ("org_id","check_in_id","participant_id") REFERENCES "public"."check_in"("org_id","id","participant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measurement_schedule" ADD CONSTRAINT "measurement_schedule_program_fk" FOREIGN KEY ("org_id","program_id") REFERENCES "public"."program"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measurement_schedule" ADD CONSTRAINT "measurement_schedule_updated_by_fk" FOREIGN KEY ("org_id","updated_by") REFERENCES "public"."app_user"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_plan" ADD CONSTRAINT "safety_plan_participant_fk" FOREIGN KEY ("org_id","participant_id") REFERENCES "public"."participant"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_plan" ADD CONSTRAINT "safety_plan_saved_by_fk" FOREIGN KEY ("org_id","saved_by") REFERENCES "public"."app_user"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "check_in_participant_idx" ON "check_in" USING btree ("org_id","participant_id","checked_in_at");--> statement-breakpoint
CREATE INDEX "measure_link_token_idx" ON "measure_link" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "measure_link_episode_idx" ON "measure_link" USING btree ("org_id","episode_id","instrument");--> statement-breakpoint
CREATE UNIQUE INDEX "measure_link_response_key" ON "measure_link" USING btree ("org_id","response_id");--> statement-breakpoint
CREATE UNIQUE INDEX "measure_link_check_in_key" ON "measure_link" USING btree ("org_id","check_in_id");--> statement-breakpoint
ALTER TABLE "safety_alert" ADD CONSTRAINT "safety_alert_check_in_fk" FOREIGN KEY ("org_id","check_in_id","participant_id") REFERENCES "public"."check_in"("org_id","id","participant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "safety_alert_check_in_key" ON "safety_alert" USING btree ("org_id","check_in_id");--> statement-breakpoint
ALTER TABLE "measure_response" ADD CONSTRAINT "measure_response_entered_by_check" CHECK (("measure_response"."source" = 'staff') = ("measure_response"."entered_by" is not null));--> statement-breakpoint
ALTER TABLE "measure_response" ADD CONSTRAINT "measure_response_source_check" CHECK ("measure_response"."source" in ('staff', 'link'));--> statement-breakpoint
ALTER TABLE "safety_alert" ADD CONSTRAINT "safety_alert_response_check" CHECK (("safety_alert"."kind" = 'checkin' and "safety_alert"."response_id" is null and "safety_alert"."check_in_id" is not null) or ("safety_alert"."kind" <> 'checkin' and "safety_alert"."response_id" is not null and "safety_alert"."check_in_id" is null));--> statement-breakpoint
-- A link is used once: after its answer is stored, nothing about it may change (so it cannot be "un-used" and
-- answered again), and no link is ever deleted (the trail of who was sent what stays).
CREATE OR REPLACE FUNCTION trellis_refuse_used_link_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'measure links are kept: expire one instead' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.used_at IS NOT NULL THEN
    RAISE EXCEPTION 'measure link % was already used', OLD.id USING ERRCODE = 'unique_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER measure_link_single_use BEFORE UPDATE OR DELETE ON measure_link
  FOR EACH ROW EXECUTE FUNCTION trellis_refuse_used_link_change();
--> statement-breakpoint
-- A safety plan version is what was printed and handed over: a save adds a version, never edits or removes one.
CREATE OR REPLACE FUNCTION trellis_refuse_safety_plan_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'safety plan versions are append-only: save a new version instead' USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER safety_plan_append_only BEFORE UPDATE OR DELETE ON safety_plan
  FOR EACH ROW EXECUTE FUNCTION trellis_refuse_safety_plan_change();
--> statement-breakpoint
-- Clinical records are never deleted: the app's role may not DELETE check-ins, links or safety plans (design.md, Data).
REVOKE DELETE, TRUNCATE ON check_in, measure_link, safety_plan FROM trellis_app;
