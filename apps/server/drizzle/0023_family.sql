CREATE TABLE "family_consent" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"family_member_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"part2" boolean NOT NULL,
	"categories" text[] NOT NULL,
	"purpose" text DEFAULT '' NOT NULL,
	"revocation_acknowledged" boolean DEFAULT false NOT NULL,
	"ends_on" date NOT NULL,
	"signed_by" text DEFAULT '' NOT NULL,
	"signed_on" date NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" text,
	"recorded_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "family_consent_org_id_id_key" UNIQUE("org_id","id"),
	CONSTRAINT "family_consent_categories_check" CHECK ("family_consent"."categories" <@ array['family_sessions', 'education', 'attendance', 'clinical']::text[]),
	CONSTRAINT "family_consent_date_order_check" CHECK ("family_consent"."signed_on" <= "family_consent"."ends_on"),
	CONSTRAINT "family_consent_revoked_check" CHECK (("family_consent"."revoked_at" is null) = ("family_consent"."revoked_by" is null)),
	CONSTRAINT "family_consent_text_check" CHECK (length("family_consent"."purpose") <= 500 and length("family_consent"."signed_by") <= 200),
	CONSTRAINT "family_consent_part2_elements_check" CHECK (not "family_consent"."part2" or (cardinality("family_consent"."categories") > 0 and length(btrim("family_consent"."purpose")) > 0 and "family_consent"."revocation_acknowledged" and length(btrim("family_consent"."signed_by")) > 0))
);
--> statement-breakpoint
CREATE TABLE "family_member" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"relationship" text NOT NULL,
	"email" text,
	"is_guardian" boolean DEFAULT false NOT NULL,
	"user_id" text,
	"user_role" text,
	"created_by" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "family_member_org_id_id_participant_key" UNIQUE("org_id","id","participant_id"),
	CONSTRAINT "family_member_relationship_check" CHECK ("family_member"."relationship" in ('parent', 'spouse_or_partner', 'child', 'sibling', 'grandparent', 'other_relative', 'friend', 'other')),
	CONSTRAINT "family_member_user_role_check" CHECK (("family_member"."user_id" is null) = ("family_member"."user_role" is null) and ("family_member"."user_role" is null or "family_member"."user_role" = 'family')),
	CONSTRAINT "family_member_name_check" CHECK (length(btrim("family_member"."name")) between 1 and 200)
);
--> statement-breakpoint
CREATE TABLE "part2_disclosure" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"family_member_id" uuid NOT NULL,
	"consent_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"recipient_name" text NOT NULL,
	"category" text NOT NULL,
	"description" text NOT NULL,
	"disclosed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "part2_disclosure_category_check" CHECK ("part2_disclosure"."category" in ('family_sessions', 'education', 'attendance', 'clinical'))
);
--> statement-breakpoint
ALTER TABLE "app_user" DROP CONSTRAINT "app_user_role_check";--> statement-breakpoint
ALTER TABLE "outbox_message" DROP CONSTRAINT "outbox_message_kind_check";--> statement-breakpoint
ALTER TABLE "family_consent" ADD CONSTRAINT "family_consent_member_fk" FOREIGN KEY ("org_id","family_member_id","participant_id") REFERENCES "public"."family_member"("org_id","id","participant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_consent" ADD CONSTRAINT "family_consent_program_fk" FOREIGN KEY ("org_id","program_id") REFERENCES "public"."program"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_consent" ADD CONSTRAINT "family_consent_recorded_by_fk" FOREIGN KEY ("org_id","recorded_by") REFERENCES "public"."app_user"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_consent" ADD CONSTRAINT "family_consent_revoked_by_fk" FOREIGN KEY ("org_id","revoked_by") REFERENCES "public"."app_user"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_member" ADD CONSTRAINT "family_member_participant_fk" FOREIGN KEY ("org_id","participant_id") REFERENCES "public"."participant"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_member" ADD CONSTRAINT "family_member_user_fk" FOREIGN KEY ("org_id","user_id","user_role") REFERENCES "public"."app_user"("org_id","id","role") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_member" ADD CONSTRAINT "family_member_created_by_fk" FOREIGN KEY ("org_id","created_by") REFERENCES "public"."app_user"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part2_disclosure" ADD CONSTRAINT "part2_disclosure_member_fk" FOREIGN KEY ("org_id","family_member_id","participant_id") REFERENCES "public"."family_member"("org_id","id","participant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part2_disclosure" ADD CONSTRAINT "part2_disclosure_consent_fk" FOREIGN KEY ("org_id","consent_id") REFERENCES "public"."family_consent"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part2_disclosure" ADD CONSTRAINT "part2_disclosure_program_fk" FOREIGN KEY ("org_id","program_id") REFERENCES "public"."program"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "family_consent_one_in_force_key" ON "family_consent" USING btree ("org_id","family_member_id") WHERE revoked_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "family_member_user_key" ON "family_member" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "family_member_participant_idx" ON "family_member" USING btree ("org_id","participant_id");--> statement-breakpoint
CREATE INDEX "part2_disclosure_participant_idx" ON "part2_disclosure" USING btree ("org_id","participant_id","disclosed_at");--> statement-breakpoint
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_role_check" CHECK ("app_user"."role" in ('admin', 'director', 'clinician', 'prescriber', 'intake', 'biller', 'participant', 'family'));--> statement-breakpoint
ALTER TABLE "outbox_message" ADD CONSTRAINT "outbox_message_kind_check" CHECK ("outbox_message"."kind" in ('invitation', 'password-reset', 'portal-invitation', 'family-invitation'));--> statement-breakpoint
-- The accounting of disclosures is history: appended, never changed or removed.
CREATE OR REPLACE FUNCTION trellis_refuse_disclosure_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: the accounting of disclosures is never changed', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER part2_disclosure_append_only BEFORE UPDATE OR DELETE ON part2_disclosure
  FOR EACH ROW EXECUTE FUNCTION trellis_refuse_disclosure_change();
--> statement-breakpoint
CREATE TRIGGER part2_disclosure_no_truncate BEFORE TRUNCATE ON part2_disclosure
  FOR EACH STATEMENT EXECUTE FUNCTION trellis_refuse_disclosure_change();
