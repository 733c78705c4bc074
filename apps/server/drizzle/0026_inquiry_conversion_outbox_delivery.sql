ALTER TABLE "inquiry" ADD COLUMN "participant_id" uuid;--> statement-breakpoint
ALTER TABLE "inquiry" ADD COLUMN "episode_id" uuid;--> statement-breakpoint
ALTER TABLE "inquiry" ADD COLUMN "referred_to" text;--> statement-breakpoint
ALTER TABLE "inquiry" ADD COLUMN "referral_reason" text;--> statement-breakpoint
ALTER TABLE "outbox_message" ADD COLUMN "delivery_status" text DEFAULT 'pending' NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox_message" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox_message" ADD COLUMN "next_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "outbox_message" ADD COLUMN "leased_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "outbox_message" ADD COLUMN "sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "outbox_message" ADD COLUMN "last_error" text;--> statement-breakpoint
ALTER TABLE "inquiry" ADD CONSTRAINT "inquiry_participant_fk" FOREIGN KEY ("org_id","participant_id") REFERENCES "public"."participant"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inquiry" ADD CONSTRAINT "inquiry_episode_fk" FOREIGN KEY ("org_id","episode_id") REFERENCES "public"."episode"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inquiry_pipeline_idx" ON "inquiry" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "outbox_message_due_idx" ON "outbox_message" USING btree ("created_at") WHERE "outbox_message"."delivery_status" = 'pending';--> statement-breakpoint
ALTER TABLE "inquiry" ADD CONSTRAINT "inquiry_conversion_check" CHECK (("inquiry"."episode_id" is null) = ("inquiry"."participant_id" is null) and ("inquiry"."referred_to" is null) = ("inquiry"."referral_reason" is null)
          and ("inquiry"."episode_id" is null or "inquiry"."status" = 'admitted') and ("inquiry"."referred_to" is null or "inquiry"."status" = 'referred_elsewhere')
          and coalesce(length("inquiry"."referred_to"), 0) <= 200 and coalesce(length("inquiry"."referral_reason"), 0) <= 1000);--> statement-breakpoint
ALTER TABLE "outbox_message" ADD CONSTRAINT "outbox_message_delivery_status_check" CHECK ("outbox_message"."delivery_status" in ('pending', 'sent', 'failed'));--> statement-breakpoint
ALTER TABLE "outbox_message" ADD CONSTRAINT "outbox_message_sent_check" CHECK (("outbox_message"."delivery_status" = 'sent') = ("outbox_message"."sent_at" is not null) and "outbox_message"."attempts" >= 0);--> statement-breakpoint
-- 42 CFR Part 2: an inquiry about a substance-use (Part 2) program identifies someone as seeking SUD care, so it is
-- visible only to that program's staff and to intake coordinators; other inquiries follow the role table. Every
-- inquiries query calls this one function.
CREATE FUNCTION trellis_inquiry_visible(p_org uuid, p_user text, p_role text, p_program uuid)
RETURNS boolean
LANGUAGE sql STABLE
AS $$
  SELECT p_program IS NULL
      OR p_role = 'intake'
      OR NOT EXISTS (SELECT 1 FROM program p WHERE p.org_id = p_org AND p.id = p_program AND p.part2)
      OR EXISTS (SELECT 1 FROM staff_program sp WHERE sp.org_id = p_org AND sp.user_id = p_user AND sp.program_id = p_program)
$$;
