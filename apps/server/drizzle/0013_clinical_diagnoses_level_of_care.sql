CREATE TABLE "diagnosis" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"episode_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"part2" boolean NOT NULL,
	"code" text NOT NULL,
	"description" text NOT NULL,
	"is_primary" boolean DEFAULT false NOT NULL,
	"onset_on" date,
	"status" text NOT NULL,
	"recorded_by" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "diagnosis_status_check" CHECK ("diagnosis"."status" in ('provisional', 'active', 'in_remission', 'resolved', 'ruled_out')),
	CONSTRAINT "diagnosis_code_check" CHECK ("diagnosis"."code" ~ '^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$'),
	CONSTRAINT "diagnosis_description_check" CHECK (length(btrim("diagnosis"."description")) between 1 and 250),
	CONSTRAINT "diagnosis_primary_current_check" CHECK (not "diagnosis"."is_primary" or "diagnosis"."status" in ('provisional', 'active', 'in_remission'))
);
--> statement-breakpoint
CREATE TABLE "level_of_care_assessment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"episode_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"part2" boolean NOT NULL,
	"assessed_on" date NOT NULL,
	"edition" text NOT NULL,
	"flags" text[] DEFAULT '{}'::text[] NOT NULL,
	"recommended_level" text NOT NULL,
	"chosen_level" text NOT NULL,
	"variance_reason" text,
	"variance_note" text,
	"suggested_level" text NOT NULL,
	"assessed_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "level_of_care_assessment_org_id_id_key" UNIQUE("org_id","id"),
	CONSTRAINT "level_of_care_assessment_edition_check" CHECK ("level_of_care_assessment"."edition" in ('asam-3', 'asam-4')),
	CONSTRAINT "level_of_care_assessment_recommended_check" CHECK ("level_of_care_assessment"."recommended_level" in ('op', 'iop', 'php', 'residential', 'inpatient')),
	CONSTRAINT "level_of_care_assessment_chosen_check" CHECK ("level_of_care_assessment"."chosen_level" in ('op', 'iop', 'php', 'residential', 'inpatient')),
	CONSTRAINT "level_of_care_assessment_suggested_check" CHECK ("level_of_care_assessment"."suggested_level" in ('op', 'iop', 'php', 'residential', 'inpatient')),
	CONSTRAINT "level_of_care_assessment_variance_reason_check" CHECK ("level_of_care_assessment"."variance_reason" is null or "level_of_care_assessment"."variance_reason" in ('participant_preference', 'level_unavailable', 'waitlist', 'payer_decision', 'other_supports', 'clinical_judgement', 'other')),
	CONSTRAINT "level_of_care_assessment_variance_check" CHECK (("level_of_care_assessment"."recommended_level" = "level_of_care_assessment"."chosen_level") = ("level_of_care_assessment"."variance_reason" is null)),
	CONSTRAINT "level_of_care_assessment_flags_check" CHECK ("level_of_care_assessment"."flags" <@ array['needs_medically_managed_withdrawal', 'medical_condition_to_treat_first', 'eating_disorder_needs_meal_support', 'imminent_safety_risk', 'no_stable_supportive_home', 'not_yet_motivated']::text[])
);
--> statement-breakpoint
CREATE TABLE "level_of_care_rating" (
	"org_id" uuid NOT NULL,
	"assessment_id" uuid NOT NULL,
	"dimension" integer NOT NULL,
	"rating" integer NOT NULL,
	"rationale" text NOT NULL,
	CONSTRAINT "level_of_care_rating_org_id_assessment_id_dimension_pk" PRIMARY KEY("org_id","assessment_id","dimension"),
	CONSTRAINT "level_of_care_rating_dimension_check" CHECK ("level_of_care_rating"."dimension" between 1 and 6),
	CONSTRAINT "level_of_care_rating_rating_check" CHECK ("level_of_care_rating"."rating" between 0 and 4),
	CONSTRAINT "level_of_care_rating_rationale_check" CHECK (length(btrim("level_of_care_rating"."rationale")) > 0)
);
--> statement-breakpoint
ALTER TABLE "episode" ADD CONSTRAINT "episode_org_id_participant_part2_key" UNIQUE("org_id","id","participant_id","part2");--> statement-breakpoint
ALTER TABLE "diagnosis" ADD CONSTRAINT "diagnosis_episode_fk" FOREIGN KEY ("org_id","episode_id","participant_id","part2") REFERENCES "public"."episode"("org_id","id","participant_id","part2") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "diagnosis" ADD CONSTRAINT "diagnosis_recorded_by_fk" FOREIGN KEY ("org_id","recorded_by") REFERENCES "public"."app_user"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "level_of_care_assessment" ADD CONSTRAINT "level_of_care_assessment_episode_fk" FOREIGN KEY ("org_id","episode_id","participant_id","part2") REFERENCES "public"."episode"("org_id","id","participant_id","part2") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "level_of_care_assessment" ADD CONSTRAINT "level_of_care_assessment_assessed_by_fk" FOREIGN KEY ("org_id","assessed_by") REFERENCES "public"."app_user"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "level_of_care_rating" ADD CONSTRAINT "level_of_care_rating_assessment_fk" FOREIGN KEY ("org_id","assessment_id") REFERENCES "public"."level_of_care_assessment"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "diagnosis_episode_idx" ON "diagnosis" USING btree ("org_id","episode_id");--> statement-breakpoint
CREATE UNIQUE INDEX "diagnosis_one_primary_key" ON "diagnosis" USING btree ("org_id","episode_id") WHERE is_primary;--> statement-breakpoint
CREATE INDEX "level_of_care_assessment_episode_idx" ON "level_of_care_assessment" USING btree ("org_id","episode_id","assessed_on");--> statement-breakpoint
-- A level-of-care assessment is history: appended, never changed or removed (a new assessment supersedes it).
CREATE OR REPLACE FUNCTION trellis_refuse_level_of_care_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: record a new assessment instead', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER level_of_care_assessment_append_only BEFORE UPDATE OR DELETE ON level_of_care_assessment
  FOR EACH ROW EXECUTE FUNCTION trellis_refuse_level_of_care_change();
--> statement-breakpoint
CREATE TRIGGER level_of_care_rating_append_only BEFORE UPDATE OR DELETE ON level_of_care_rating
  FOR EACH ROW EXECUTE FUNCTION trellis_refuse_level_of_care_change();
