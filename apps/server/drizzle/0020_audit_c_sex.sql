ALTER TABLE "measure_response" ADD COLUMN "scoring_sex" text;--> statement-breakpoint
ALTER TABLE "participant" ADD COLUMN "sex_for_scoring" text DEFAULT 'unknown' NOT NULL;--> statement-breakpoint
ALTER TABLE "measure_response" ADD CONSTRAINT "measure_response_scoring_sex_check" CHECK ("measure_response"."scoring_sex" in ('female', 'male', 'unknown'));--> statement-breakpoint
ALTER TABLE "measure_response" ADD CONSTRAINT "measure_response_scoring_sex_instrument_check" CHECK ("measure_response"."scoring_sex" is null or "measure_response"."instrument_id" = 'audit-c');--> statement-breakpoint
ALTER TABLE "participant" ADD CONSTRAINT "participant_sex_for_scoring_check" CHECK ("participant"."sex_for_scoring" in ('female', 'male', 'unknown'));--> statement-breakpoint
-- hand-written
-- AUDIT-C responses stored before this migration were scored with sex not recorded (the lower cut-off).
UPDATE "measure_response" SET "scoring_sex" = 'unknown' WHERE "instrument_id" = 'audit-c' AND "scoring_sex" IS NULL;
