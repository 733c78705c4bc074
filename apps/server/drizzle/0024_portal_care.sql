-- Portal care (issue 8): the relapse prevention plan (versioned like the safety plan), how a treatment plan signature
-- was taken (in person or by the participant in the portal), measures and check-ins answered in the portal (source
-- 'portal'), and the skills library. trellis_app gets new tables through the default privileges of 0008; clinical
-- records are never deleted, so it may not DELETE or TRUNCATE them.
CREATE TABLE "relapse_plan" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"plan" jsonb NOT NULL,
	"saved_by" text NOT NULL,
	"saved_at" timestamp with time zone NOT NULL,
	CONSTRAINT "relapse_plan_version_key" UNIQUE("org_id","participant_id","version"),
	CONSTRAINT "relapse_plan_version_check" CHECK ("relapse_plan"."version" >= 1),
	CONSTRAINT "relapse_plan_object_check" CHECK (jsonb_typeof("relapse_plan"."plan") = 'object')
);
--> statement-breakpoint
CREATE TABLE "skill_assignment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"episode_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"topic" text NOT NULL,
	"assigned_by" text NOT NULL,
	"assigned_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone,
	CONSTRAINT "skill_assignment_topic_check" CHECK ("skill_assignment"."topic" in ('stress_management', 'emotional_regulation', 'coping_with_cravings', 'mindfulness_grounding', 'healthy_routines', 'conflict_resolution', 'communication', 'early_warning_signs')),
	CONSTRAINT "skill_assignment_read_order_check" CHECK ("skill_assignment"."read_at" is null or "skill_assignment"."read_at" >= "skill_assignment"."assigned_at")
);
--> statement-breakpoint
CREATE TABLE "skill_publication" (
	"org_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"topic" text NOT NULL,
	"published_by" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	CONSTRAINT "skill_publication_org_id_program_id_topic_pk" PRIMARY KEY("org_id","program_id","topic"),
	CONSTRAINT "skill_publication_topic_check" CHECK ("skill_publication"."topic" in ('stress_management', 'emotional_regulation', 'coping_with_cravings', 'mindfulness_grounding', 'healthy_routines', 'conflict_resolution', 'communication', 'early_warning_signs'))
);
--> statement-breakpoint
ALTER TABLE "check_in" DROP CONSTRAINT "check_in_source_check";--> statement-breakpoint
ALTER TABLE "measure_response" DROP CONSTRAINT "measure_response_source_check";--> statement-breakpoint
ALTER TABLE "treatment_plan_signature" ADD COLUMN "method" text DEFAULT 'in_person' NOT NULL;--> statement-breakpoint
ALTER TABLE "relapse_plan" ADD CONSTRAINT "relapse_plan_participant_fk" FOREIGN KEY ("org_id","participant_id") REFERENCES "public"."participant"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relapse_plan" ADD CONSTRAINT "relapse_plan_saved_by_fk" FOREIGN KEY ("org_id","saved_by") REFERENCES "public"."app_user"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skill_assignment" ADD CONSTRAINT "skill_assignment_episode_participant_fk" FOREIGN KEY ("org_id","episode_id","participant_id") REFERENCES "public"."episode"("org_id","id","participant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skill_assignment" ADD CONSTRAINT "skill_assignment_assigned_by_fk" FOREIGN KEY ("org_id","assigned_by") REFERENCES "public"."app_user"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skill_publication" ADD CONSTRAINT "skill_publication_program_fk" FOREIGN KEY ("org_id","program_id") REFERENCES "public"."program"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skill_publication" ADD CONSTRAINT "skill_publication_published_by_fk" FOREIGN KEY ("org_id","published_by") REFERENCES "public"."app_user"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "skill_assignment_open_key" ON "skill_assignment" USING btree ("org_id","episode_id","topic") WHERE read_at is null;--> statement-breakpoint
CREATE INDEX "skill_assignment_participant_idx" ON "skill_assignment" USING btree ("org_id","participant_id");--> statement-breakpoint
ALTER TABLE "check_in" ADD CONSTRAINT "check_in_source_check" CHECK ("check_in"."source" in ('staff', 'link', 'portal'));--> statement-breakpoint
ALTER TABLE "measure_response" ADD CONSTRAINT "measure_response_source_check" CHECK ("measure_response"."source" in ('staff', 'link', 'portal'));--> statement-breakpoint
ALTER TABLE "treatment_plan_signature" ADD CONSTRAINT "treatment_plan_signature_method_check" CHECK ("treatment_plan_signature"."method" in ('in_person', 'portal'));--> statement-breakpoint
ALTER TABLE "treatment_plan_signature" ADD CONSTRAINT "treatment_plan_signature_portal_check" CHECK ("treatment_plan_signature"."method" <> 'portal' or "treatment_plan_signature"."signer" = 'participant');
--> statement-breakpoint
-- A relapse prevention plan version is what was printed and handed over: a save adds a version, never edits one.
CREATE OR REPLACE FUNCTION trellis_refuse_plan_version_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% versions are append-only: save a new version instead', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER relapse_plan_append_only BEFORE UPDATE OR DELETE ON relapse_plan
  FOR EACH ROW EXECUTE FUNCTION trellis_refuse_plan_version_change();
--> statement-breakpoint
REVOKE DELETE, TRUNCATE ON relapse_plan FROM trellis_app;
--> statement-breakpoint
-- A homework assignment is part of the record: it is marked read, never removed.
REVOKE DELETE, TRUNCATE ON skill_assignment FROM trellis_app;
