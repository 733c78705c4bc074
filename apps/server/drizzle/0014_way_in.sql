CREATE TABLE "inquiry" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"source" text NOT NULL,
	"name" text NOT NULL,
	"phone" text,
	"email" text,
	"preferred_contact" text NOT NULL,
	"program_id" uuid,
	"payer" text NOT NULL,
	"message" text,
	"consented_to_contact_at" timestamp with time zone,
	"notes" text,
	"next_step" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inquiry_org_id_id_key" UNIQUE("org_id","id"),
	CONSTRAINT "inquiry_status_check" CHECK ("inquiry"."status" in ('new', 'contacted', 'screening', 'assessment_scheduled', 'admitted', 'referred_elsewhere', 'closed')),
	CONSTRAINT "inquiry_source_check" CHECK ("inquiry"."source" in ('web_form', 'phone', 'referral', 'walk_in', 'other')),
	CONSTRAINT "inquiry_preferred_contact_check" CHECK ("inquiry"."preferred_contact" in ('phone', 'text', 'email')),
	CONSTRAINT "inquiry_payer_check" CHECK ("inquiry"."payer" in ('medicare', 'medicaid', 'commercial', 'tricare', 'self_pay', 'unsure')),
	CONSTRAINT "inquiry_contact_check" CHECK (("inquiry"."preferred_contact" <> 'email' or "inquiry"."email" is not null) and ("inquiry"."preferred_contact" = 'email' or "inquiry"."phone" is not null)),
	CONSTRAINT "inquiry_web_form_consent_check" CHECK ("inquiry"."source" <> 'web_form' or "inquiry"."consented_to_contact_at" is not null),
	CONSTRAINT "inquiry_text_length_check" CHECK (length("inquiry"."name") between 1 and 120 and coalesce(length("inquiry"."message"), 0) <= 1000 and coalesce(length("inquiry"."notes"), 0) <= 4000 and coalesce(length("inquiry"."next_step"), 0) <= 500)
);
--> statement-breakpoint
ALTER TABLE "program" ADD COLUMN "public_listed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "program" ADD COLUMN "audience" text;--> statement-breakpoint
ALTER TABLE "program" ADD COLUMN "week_description" text;--> statement-breakpoint
ALTER TABLE "program" ADD COLUMN "therapies" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "program" ADD COLUMN "insurance_accepted" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "program" ADD COLUMN "typical_length_min_weeks" integer;--> statement-breakpoint
ALTER TABLE "program" ADD COLUMN "typical_length_max_weeks" integer;--> statement-breakpoint
ALTER TABLE "inquiry" ADD CONSTRAINT "inquiry_org_id_organisation_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inquiry" ADD CONSTRAINT "inquiry_program_fk" FOREIGN KEY ("org_id","program_id") REFERENCES "public"."program"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inquiry_board_idx" ON "inquiry" USING btree ("org_id","status","created_at");--> statement-breakpoint
ALTER TABLE "program" ADD CONSTRAINT "program_public_text_check" CHECK (coalesce(length("program"."audience"), 0) <= 2000 and coalesce(length("program"."week_description"), 0) <= 2000);--> statement-breakpoint
ALTER TABLE "program" ADD CONSTRAINT "program_public_lists_check" CHECK (cardinality("program"."therapies") <= 30 and cardinality("program"."insurance_accepted") <= 50);--> statement-breakpoint
ALTER TABLE "program" ADD CONSTRAINT "program_typical_length_check" CHECK (("program"."typical_length_min_weeks" is null) = ("program"."typical_length_max_weeks" is null) and ("program"."typical_length_min_weeks" is null or ("program"."typical_length_min_weeks" between 1 and 104 and "program"."typical_length_max_weeks" between "program"."typical_length_min_weeks" and 104)));