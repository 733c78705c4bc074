CREATE TABLE "intake_assessment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"episode_id" uuid,
	"participant_id" uuid,
	"part2" boolean,
	"inquiry_id" uuid,
	"content" jsonb NOT NULL,
	"author_id" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"signed_at" timestamp with time zone,
	"content_hash" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "intake_assessment_org_id_id_key" UNIQUE("org_id","id"),
	CONSTRAINT "intake_assessment_status_check" CHECK ("intake_assessment"."status" in ('draft', 'signed')),
	CONSTRAINT "intake_assessment_subject_check" CHECK (("intake_assessment"."episode_id" is null) = ("intake_assessment"."participant_id" is null) and ("intake_assessment"."episode_id" is null) = ("intake_assessment"."part2" is null) and ("intake_assessment"."episode_id" is not null or "intake_assessment"."inquiry_id" is not null)),
	CONSTRAINT "intake_assessment_content_check" CHECK (jsonb_typeof("intake_assessment"."content") = 'object' and length("intake_assessment"."content"::text) <= 100000),
	CONSTRAINT "intake_assessment_signed_check" CHECK (("intake_assessment"."status" = 'draft' and "intake_assessment"."signed_at" is null and "intake_assessment"."content_hash" is null) or ("intake_assessment"."status" = 'signed' and "intake_assessment"."signed_at" is not null and "intake_assessment"."content_hash" ~ '^[0-9a-f]{64}$'))
);
--> statement-breakpoint
CREATE TABLE "intake_assessment_addendum" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"assessment_id" uuid NOT NULL,
	"author_id" text NOT NULL,
	"text" text NOT NULL,
	"written_at" timestamp with time zone NOT NULL,
	"content_hash" text NOT NULL,
	CONSTRAINT "intake_assessment_addendum_text_check" CHECK (length(btrim("intake_assessment_addendum"."text")) between 1 and 10000),
	CONSTRAINT "intake_assessment_addendum_hash_check" CHECK ("intake_assessment_addendum"."content_hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
ALTER TABLE "intake_assessment" ADD CONSTRAINT "intake_assessment_episode_fk" FOREIGN KEY ("org_id","episode_id","participant_id","part2") REFERENCES "public"."episode"("org_id","id","participant_id","part2") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_assessment" ADD CONSTRAINT "intake_assessment_inquiry_fk" FOREIGN KEY ("org_id","inquiry_id") REFERENCES "public"."inquiry"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_assessment" ADD CONSTRAINT "intake_assessment_author_fk" FOREIGN KEY ("org_id","author_id") REFERENCES "public"."app_user"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_assessment_addendum" ADD CONSTRAINT "intake_assessment_addendum_assessment_fk" FOREIGN KEY ("org_id","assessment_id") REFERENCES "public"."intake_assessment"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_assessment_addendum" ADD CONSTRAINT "intake_assessment_addendum_author_fk" FOREIGN KEY ("org_id","author_id") REFERENCES "public"."app_user"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "intake_assessment_episode_idx" ON "intake_assessment" USING btree ("org_id","episode_id");--> statement-breakpoint
CREATE INDEX "intake_assessment_inquiry_idx" ON "intake_assessment" USING btree ("org_id","inquiry_id");--> statement-breakpoint
CREATE INDEX "intake_assessment_unsigned_idx" ON "intake_assessment" USING btree ("org_id","updated_at") WHERE status = 'draft';--> statement-breakpoint
CREATE INDEX "intake_assessment_addendum_idx" ON "intake_assessment_addendum" USING btree ("org_id","assessment_id","written_at");--> statement-breakpoint
-- A signed intake assessment is immutable (design.md, Data). The one change it takes is being attached, once, to the
-- episode its inquiry became at admission: episode, participant and part2 go from null to set and nothing else moves
-- (the content hash does not cover them). Clinical records are never deleted. Corrections are addenda.
CREATE FUNCTION trellis_signed_intake_assessment_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'intake assessments are never deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.status = 'signed' THEN
    IF OLD.episode_id IS NULL AND NEW.episode_id IS NOT NULL
       AND to_jsonb(NEW) - ARRAY['episode_id', 'participant_id', 'part2', 'version', 'updated_at']
         = to_jsonb(OLD) - ARRAY['episode_id', 'participant_id', 'part2', 'version', 'updated_at'] THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION 'a signed intake assessment is immutable: add an addendum instead' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER intake_assessment_signed_immutable BEFORE UPDATE OR DELETE ON intake_assessment
  FOR EACH ROW EXECUTE FUNCTION trellis_signed_intake_assessment_guard();
--> statement-breakpoint
-- Addenda are appended to signed assessments only, and never changed or removed.
CREATE FUNCTION trellis_intake_assessment_addendum_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    RAISE EXCEPTION 'intake_assessment_addendum is append-only' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM intake_assessment a WHERE a.org_id = NEW.org_id AND a.id = NEW.assessment_id AND a.status = 'signed') THEN
    RAISE EXCEPTION 'an addendum is added to a signed intake assessment only' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER intake_assessment_addendum_append_only BEFORE INSERT OR UPDATE OR DELETE ON intake_assessment_addendum
  FOR EACH ROW EXECUTE FUNCTION trellis_intake_assessment_addendum_guard();
