CREATE TABLE "clinical_note" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"episode_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"part2" boolean NOT NULL,
	"kind" text NOT NULL,
	"privacy" text DEFAULT 'record' NOT NULL,
	"format" text,
	"session_id" uuid,
	"group_note_id" uuid,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"sections" jsonb NOT NULL,
	"objectives" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"facilitator_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"author_id" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"signed_at" timestamp with time zone,
	"late_entry" boolean DEFAULT false NOT NULL,
	"content_hash" text,
	"requires_cosign" boolean DEFAULT false NOT NULL,
	"cosigned_by" text,
	"cosigned_at" timestamp with time zone,
	"cosign_attestation" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clinical_note_org_id_id_key" UNIQUE("org_id","id"),
	CONSTRAINT "clinical_note_kind_check" CHECK ("clinical_note"."kind" in ('individual', 'family', 'psychiatric', 'group')),
	CONSTRAINT "clinical_note_privacy_check" CHECK ("clinical_note"."privacy" in ('record', 'psychotherapy', 'sud_counseling')),
	CONSTRAINT "clinical_note_format_check" CHECK ("clinical_note"."format" is null or "clinical_note"."format" in ('dap', 'soap', 'birp', 'girp')),
	CONSTRAINT "clinical_note_status_check" CHECK ("clinical_note"."status" in ('draft', 'signed')),
	CONSTRAINT "clinical_note_group_check" CHECK (("clinical_note"."kind" = 'group') = ("clinical_note"."group_note_id" is not null) and ("clinical_note"."kind" = 'group') = ("clinical_note"."format" is null)),
	CONSTRAINT "clinical_note_private_check" CHECK ("clinical_note"."privacy" = 'record' or ("clinical_note"."kind" in ('individual', 'family') and ("clinical_note"."privacy" <> 'sud_counseling' or "clinical_note"."part2"))),
	CONSTRAINT "clinical_note_time_order_check" CHECK ("clinical_note"."starts_at" < "clinical_note"."ends_at" and "clinical_note"."ends_at" <= "clinical_note"."starts_at" + interval '12 hours'),
	CONSTRAINT "clinical_note_sections_check" CHECK (jsonb_typeof("clinical_note"."sections") = 'object' and jsonb_typeof("clinical_note"."objectives") = 'array'),
	CONSTRAINT "clinical_note_signed_check" CHECK (("clinical_note"."status" = 'draft' and "clinical_note"."signed_at" is null and "clinical_note"."content_hash" is null and not "clinical_note"."late_entry" and not "clinical_note"."requires_cosign") or ("clinical_note"."status" = 'signed' and "clinical_note"."signed_at" is not null and "clinical_note"."content_hash" is not null and "clinical_note"."content_hash" ~ '^[0-9a-f]{64}$')),
	CONSTRAINT "clinical_note_cosign_check" CHECK (("clinical_note"."cosigned_by" is null and "clinical_note"."cosigned_at" is null and "clinical_note"."cosign_attestation" is null) or ("clinical_note"."requires_cosign" and "clinical_note"."cosigned_by" is not null and "clinical_note"."cosigned_at" is not null and "clinical_note"."cosign_attestation" is not null and "clinical_note"."cosigned_by" <> "clinical_note"."author_id" and "clinical_note"."cosigned_at" >= "clinical_note"."signed_at"))
);
--> statement-breakpoint
CREATE TABLE "group_note" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"author_id" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"shared" jsonb NOT NULL,
	"facilitator_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"signed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "group_note_org_id_id_key" UNIQUE("org_id","id"),
	CONSTRAINT "group_note_session_key" UNIQUE("org_id","session_id"),
	CONSTRAINT "group_note_status_check" CHECK ("group_note"."status" in ('draft', 'signed')),
	CONSTRAINT "group_note_signed_check" CHECK (("group_note"."status" = 'signed') = ("group_note"."signed_at" is not null)),
	CONSTRAINT "group_note_shared_check" CHECK (jsonb_typeof("group_note"."shared") = 'object')
);
--> statement-breakpoint
CREATE TABLE "group_note_entry" (
	"org_id" uuid NOT NULL,
	"group_note_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"sections" jsonb NOT NULL,
	"objectives" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "group_note_entry_org_id_group_note_id_participant_id_pk" PRIMARY KEY("org_id","group_note_id","participant_id"),
	CONSTRAINT "group_note_entry_sections_check" CHECK (jsonb_typeof("group_note_entry"."sections") = 'object'),
	CONSTRAINT "group_note_entry_objectives_check" CHECK (jsonb_typeof("group_note_entry"."objectives") = 'array')
);
--> statement-breakpoint
CREATE TABLE "note_addendum" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"note_id" uuid NOT NULL,
	"author_id" text NOT NULL,
	"text" text NOT NULL,
	"written_at" timestamp with time zone NOT NULL,
	"content_hash" text NOT NULL,
	CONSTRAINT "note_addendum_text_check" CHECK (length(btrim("note_addendum"."text")) between 1 and 10000),
	CONSTRAINT "note_addendum_hash_check" CHECK ("note_addendum"."content_hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
ALTER TABLE "app_user" ADD COLUMN "pre_licensed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "program" ADD COLUMN "note_deadline_hours" integer DEFAULT 24 NOT NULL;--> statement-breakpoint
ALTER TABLE "clinical_note" ADD CONSTRAINT "clinical_note_episode_fk" FOREIGN KEY ("org_id","episode_id","participant_id","part2") REFERENCES "public"."episode"("org_id","id","participant_id","part2") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_note" ADD CONSTRAINT "clinical_note_session_fk" FOREIGN KEY ("org_id","session_id") REFERENCES "public"."session"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_note" ADD CONSTRAINT "clinical_note_group_note_fk" FOREIGN KEY ("org_id","group_note_id") REFERENCES "public"."group_note"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_note" ADD CONSTRAINT "clinical_note_author_fk" FOREIGN KEY ("org_id","author_id") REFERENCES "public"."app_user"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_note" ADD CONSTRAINT "clinical_note_cosigned_by_fk" FOREIGN KEY ("org_id","cosigned_by") REFERENCES "public"."app_user"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_note" ADD CONSTRAINT "group_note_session_fk" FOREIGN KEY ("org_id","session_id") REFERENCES "public"."session"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_note" ADD CONSTRAINT "group_note_author_fk" FOREIGN KEY ("org_id","author_id") REFERENCES "public"."app_user"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_note_entry" ADD CONSTRAINT "group_note_entry_note_fk" FOREIGN KEY ("org_id","group_note_id") REFERENCES "public"."group_note"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_note_entry" ADD CONSTRAINT "group_note_entry_participant_fk" FOREIGN KEY ("org_id","participant_id") REFERENCES "public"."participant"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "note_addendum" ADD CONSTRAINT "note_addendum_note_fk" FOREIGN KEY ("org_id","note_id") REFERENCES "public"."clinical_note"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "note_addendum" ADD CONSTRAINT "note_addendum_author_fk" FOREIGN KEY ("org_id","author_id") REFERENCES "public"."app_user"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "clinical_note_episode_idx" ON "clinical_note" USING btree ("org_id","episode_id","starts_at");--> statement-breakpoint
CREATE INDEX "clinical_note_unsigned_idx" ON "clinical_note" USING btree ("org_id","author_id") WHERE status = 'draft';--> statement-breakpoint
CREATE INDEX "clinical_note_cosign_idx" ON "clinical_note" USING btree ("org_id","author_id") WHERE requires_cosign and cosigned_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "clinical_note_group_participant_key" ON "clinical_note" USING btree ("org_id","group_note_id","participant_id") WHERE group_note_id is not null;--> statement-breakpoint
CREATE INDEX "note_addendum_note_idx" ON "note_addendum" USING btree ("org_id","note_id","written_at");--> statement-breakpoint
ALTER TABLE "program" ADD CONSTRAINT "program_note_deadline_check" CHECK ("program"."note_deadline_hours" between 1 and 336);--> statement-breakpoint
-- A signed note is immutable (design.md, Data): the one change it takes is its supervisor's co-signature, once; any
-- other UPDATE, from any role, is refused. Clinical records are never deleted. Corrections are addenda.
CREATE FUNCTION trellis_signed_note_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'clinical notes are never deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.status = 'signed' THEN
    IF OLD.cosigned_by IS NULL AND NEW.cosigned_by IS NOT NULL
       AND to_jsonb(NEW) - ARRAY['cosigned_by', 'cosigned_at', 'cosign_attestation', 'version', 'updated_at']
         = to_jsonb(OLD) - ARRAY['cosigned_by', 'cosigned_at', 'cosign_attestation', 'version', 'updated_at'] THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION 'a signed note is immutable: add an addendum instead' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER clinical_note_signed_immutable BEFORE UPDATE OR DELETE ON clinical_note
  FOR EACH ROW EXECUTE FUNCTION trellis_signed_note_guard();
--> statement-breakpoint
-- Addenda are appended to signed notes only, and never changed or removed.
CREATE FUNCTION trellis_note_addendum_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    RAISE EXCEPTION 'note_addendum is append-only' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM clinical_note n WHERE n.org_id = NEW.org_id AND n.id = NEW.note_id AND n.status = 'signed') THEN
    RAISE EXCEPTION 'an addendum is added to a signed note only' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER note_addendum_append_only BEFORE INSERT OR UPDATE OR DELETE ON note_addendum
  FOR EACH ROW EXECUTE FUNCTION trellis_note_addendum_guard();
--> statement-breakpoint
-- A signed group note and its entries are locked like the chart notes signing wrote from them.
CREATE FUNCTION trellis_signed_group_note_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'group notes are never deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.status = 'signed' THEN
    RAISE EXCEPTION 'a signed group note is immutable' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER group_note_signed_immutable BEFORE UPDATE OR DELETE ON group_note
  FOR EACH ROW EXECUTE FUNCTION trellis_signed_group_note_guard();
--> statement-breakpoint
CREATE FUNCTION trellis_group_note_entry_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  note_org uuid;
  note_id uuid;
BEGIN
  IF TG_OP = 'DELETE' THEN
    note_org := OLD.org_id;
    note_id := OLD.group_note_id;
  ELSE
    note_org := NEW.org_id;
    note_id := NEW.group_note_id;
  END IF;
  IF EXISTS (SELECT 1 FROM group_note g WHERE g.org_id = note_org AND g.id = note_id AND g.status = 'signed') THEN
    RAISE EXCEPTION 'a signed group note is immutable' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER group_note_entry_signed_immutable BEFORE INSERT OR UPDATE OR DELETE ON group_note_entry
  FOR EACH ROW EXECUTE FUNCTION trellis_group_note_entry_guard();
--> statement-breakpoint
REVOKE DELETE, TRUNCATE ON clinical_note, note_addendum, group_note FROM trellis_app;--> statement-breakpoint
REVOKE UPDATE ON note_addendum FROM trellis_app;
