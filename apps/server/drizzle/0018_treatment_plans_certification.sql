CREATE TABLE "certification" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"episode_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"part2" boolean NOT NULL,
	"sequence" integer NOT NULL,
	"level" text NOT NULL,
	"certified_on" date NOT NULL,
	"due_on" date NOT NULL,
	"plan_version_id" uuid NOT NULL,
	"statement" text NOT NULL,
	"certified_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "certification_sequence_key" UNIQUE("org_id","episode_id","sequence"),
	CONSTRAINT "certification_sequence_check" CHECK ("certification"."sequence" >= 1),
	CONSTRAINT "certification_level_check" CHECK ("certification"."level" in ('php', 'iop')),
	CONSTRAINT "certification_statement_check" CHECK (length(btrim("certification"."statement")) between 1 and 2000)
);
--> statement-breakpoint
CREATE TABLE "plan_review" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"episode_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"part2" boolean NOT NULL,
	"plan_version_id" uuid NOT NULL,
	"reviewed_on" date NOT NULL,
	"next_review_on" date NOT NULL,
	"narrative" text NOT NULL,
	"reviewed_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_review_org_id_id_key" UNIQUE("org_id","id"),
	CONSTRAINT "plan_review_dates_check" CHECK ("plan_review"."next_review_on" > "plan_review"."reviewed_on"),
	CONSTRAINT "plan_review_narrative_check" CHECK (length(btrim("plan_review"."narrative")) between 1 and 4000)
);
--> statement-breakpoint
CREATE TABLE "plan_review_progress" (
	"org_id" uuid NOT NULL,
	"review_id" uuid NOT NULL,
	"objective_id" uuid NOT NULL,
	"progress" text NOT NULL,
	"note" text,
	CONSTRAINT "plan_review_progress_org_id_review_id_objective_id_pk" PRIMARY KEY("org_id","review_id","objective_id"),
	CONSTRAINT "plan_review_progress_check" CHECK ("plan_review_progress"."progress" in ('met', 'progressing', 'not_progressing', 'revised')),
	CONSTRAINT "plan_review_progress_note_check" CHECK ("plan_review_progress"."note" is null or length("plan_review_progress"."note") <= 1000)
);
--> statement-breakpoint
CREATE TABLE "treatment_plan_signature" (
	"org_id" uuid NOT NULL,
	"plan_version_id" uuid NOT NULL,
	"signer" text NOT NULL,
	"signed_name" text NOT NULL,
	"recorded_by" text NOT NULL,
	"content_hash" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "treatment_plan_signature_org_id_plan_version_id_signer_pk" PRIMARY KEY("org_id","plan_version_id","signer"),
	CONSTRAINT "treatment_plan_signature_signer_check" CHECK ("treatment_plan_signature"."signer" in ('clinician', 'participant', 'supervisor')),
	CONSTRAINT "treatment_plan_signature_name_check" CHECK (length(btrim("treatment_plan_signature"."signed_name")) between 1 and 200)
);
--> statement-breakpoint
CREATE TABLE "treatment_plan_version" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"episode_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"part2" boolean NOT NULL,
	"number" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"content" jsonb NOT NULL,
	"effective_on" date NOT NULL,
	"weekly_minutes" integer NOT NULL,
	"content_hash" text,
	"created_by" text NOT NULL,
	"updated_by" text NOT NULL,
	"signed_by" text,
	"signed_at" timestamp with time zone,
	"signed_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "treatment_plan_version_org_id_id_key" UNIQUE("org_id","id"),
	CONSTRAINT "treatment_plan_version_org_id_id_episode_key" UNIQUE("org_id","id","episode_id"),
	CONSTRAINT "treatment_plan_version_org_id_id_hash_key" UNIQUE("org_id","id","content_hash"),
	CONSTRAINT "treatment_plan_version_number_key" UNIQUE("org_id","episode_id","number"),
	CONSTRAINT "treatment_plan_version_status_check" CHECK ("treatment_plan_version"."status" in ('draft', 'signed')),
	CONSTRAINT "treatment_plan_version_number_check" CHECK ("treatment_plan_version"."number" >= 1),
	CONSTRAINT "treatment_plan_version_weekly_minutes_check" CHECK ("treatment_plan_version"."weekly_minutes" between 1 and 5040),
	CONSTRAINT "treatment_plan_version_content_check" CHECK (jsonb_typeof("treatment_plan_version"."content") = 'object'),
	CONSTRAINT "treatment_plan_version_hash_check" CHECK ("treatment_plan_version"."content_hash" is null or "treatment_plan_version"."content_hash" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "treatment_plan_version_signed_check" CHECK (("treatment_plan_version"."status" = 'signed') = ("treatment_plan_version"."content_hash" is not null and "treatment_plan_version"."signed_by" is not null and "treatment_plan_version"."signed_at" is not null and "treatment_plan_version"."signed_on" is not null))
);
--> statement-breakpoint
ALTER TABLE "program" ADD COLUMN "plan_review_interval_days" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "program" ADD COLUMN "plan_supervisor_sign_off" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "program" ADD COLUMN "certification_required" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "certification" ADD CONSTRAINT "certification_episode_fk" FOREIGN KEY ("org_id","episode_id","participant_id","part2") REFERENCES "public"."episode"("org_id","id","participant_id","part2") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification" ADD CONSTRAINT "certification_plan_version_fk" FOREIGN KEY ("org_id","plan_version_id","episode_id") REFERENCES "public"."treatment_plan_version"("org_id","id","episode_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification" ADD CONSTRAINT "certification_certified_by_fk" FOREIGN KEY ("org_id","certified_by") REFERENCES "public"."app_user"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_review" ADD CONSTRAINT "plan_review_episode_fk" FOREIGN KEY ("org_id","episode_id","participant_id","part2") REFERENCES "public"."episode"("org_id","id","participant_id","part2") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_review" ADD CONSTRAINT "plan_review_version_fk" FOREIGN KEY ("org_id","plan_version_id","episode_id") REFERENCES "public"."treatment_plan_version"("org_id","id","episode_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_review" ADD CONSTRAINT "plan_review_reviewed_by_fk" FOREIGN KEY ("org_id","reviewed_by") REFERENCES "public"."app_user"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_review_progress" ADD CONSTRAINT "plan_review_progress_review_fk" FOREIGN KEY ("org_id","review_id") REFERENCES "public"."plan_review"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_plan_signature" ADD CONSTRAINT "treatment_plan_signature_version_fk" FOREIGN KEY ("org_id","plan_version_id","content_hash") REFERENCES "public"."treatment_plan_version"("org_id","id","content_hash") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_plan_signature" ADD CONSTRAINT "treatment_plan_signature_recorded_by_fk" FOREIGN KEY ("org_id","recorded_by") REFERENCES "public"."app_user"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_plan_version" ADD CONSTRAINT "treatment_plan_version_episode_fk" FOREIGN KEY ("org_id","episode_id","participant_id","part2") REFERENCES "public"."episode"("org_id","id","participant_id","part2") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_plan_version" ADD CONSTRAINT "treatment_plan_version_created_by_fk" FOREIGN KEY ("org_id","created_by") REFERENCES "public"."app_user"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_plan_version" ADD CONSTRAINT "treatment_plan_version_updated_by_fk" FOREIGN KEY ("org_id","updated_by") REFERENCES "public"."app_user"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_plan_version" ADD CONSTRAINT "treatment_plan_version_signed_by_fk" FOREIGN KEY ("org_id","signed_by") REFERENCES "public"."app_user"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plan_review_episode_idx" ON "plan_review" USING btree ("org_id","episode_id","reviewed_on");--> statement-breakpoint
CREATE UNIQUE INDEX "treatment_plan_version_one_draft_key" ON "treatment_plan_version" USING btree ("org_id","episode_id") WHERE status = 'draft';--> statement-breakpoint
ALTER TABLE "program" ADD CONSTRAINT "program_plan_review_interval_check" CHECK ("program"."plan_review_interval_days" between 1 and 90);--> statement-breakpoint
-- A signed plan version is immutable: its content, hash and signing are refused any change, and it is never removed
-- (a change after signing is a new version). A draft may be saved over until it is signed.
CREATE OR REPLACE FUNCTION trellis_refuse_signed_plan_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'signed' THEN
    RAISE EXCEPTION 'treatment plan version % is signed and cannot be changed: start a new version', OLD.number
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER treatment_plan_version_signed_immutable BEFORE UPDATE OR DELETE ON treatment_plan_version
  FOR EACH ROW EXECUTE FUNCTION trellis_refuse_signed_plan_change();
--> statement-breakpoint
-- Signatures, reviews and certifications are history: appended, never changed or removed.
CREATE OR REPLACE FUNCTION trellis_refuse_clinical_history_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER treatment_plan_signature_append_only BEFORE UPDATE OR DELETE ON treatment_plan_signature
  FOR EACH ROW EXECUTE FUNCTION trellis_refuse_clinical_history_change();
--> statement-breakpoint
CREATE TRIGGER plan_review_append_only BEFORE UPDATE OR DELETE ON plan_review
  FOR EACH ROW EXECUTE FUNCTION trellis_refuse_clinical_history_change();
--> statement-breakpoint
CREATE TRIGGER plan_review_progress_append_only BEFORE UPDATE OR DELETE ON plan_review_progress
  FOR EACH ROW EXECUTE FUNCTION trellis_refuse_clinical_history_change();
--> statement-breakpoint
CREATE TRIGGER certification_append_only BEFORE UPDATE OR DELETE ON certification
  FOR EACH ROW EXECUTE FUNCTION trellis_refuse_clinical_history_change();
--> statement-breakpoint
-- Clinical records are never deleted (design.md, Data): the app's role may not remove them at all.
REVOKE DELETE, TRUNCATE ON treatment_plan_version, treatment_plan_signature, plan_review, plan_review_progress, certification FROM trellis_app;
