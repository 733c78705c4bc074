CREATE TABLE "measure_response" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"episode_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"instrument_id" text NOT NULL,
	"answers" jsonb NOT NULL,
	"total" integer,
	"subscales" jsonb NOT NULL,
	"band_id" text,
	"flags" jsonb NOT NULL,
	"administered_at" timestamp with time zone NOT NULL,
	"entered_by" text NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "measure_response_org_id_id_key" UNIQUE("org_id","id"),
	CONSTRAINT "measure_response_org_id_participant_key" UNIQUE("org_id","id","participant_id"),
	CONSTRAINT "measure_response_instrument_check" CHECK ("measure_response"."instrument_id" in ('phq-9', 'gad-7', 'audit', 'audit-c', 'dast-10', 'pcl-5', 'c-ssrs-screener', 'bam')),
	CONSTRAINT "measure_response_source_check" CHECK ("measure_response"."source" in ('staff'))
);
--> statement-breakpoint
CREATE TABLE "safety_alert" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"episode_id" uuid NOT NULL,
	"response_id" uuid,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" text,
	"action" text,
	"note" text,
	CONSTRAINT "safety_alert_kind_check" CHECK ("safety_alert"."kind" in ('phq9-item9', 'cssrs-risk', 'checkin')),
	CONSTRAINT "safety_alert_action_check" CHECK ("safety_alert"."action" is null or "safety_alert"."action" in ('contacted', 'safety_plan_reviewed', 'escalated', 'emergency_services')),
	CONSTRAINT "safety_alert_acknowledged_check" CHECK (("safety_alert"."acknowledged_at" is null and "safety_alert"."acknowledged_by" is null and "safety_alert"."action" is null and "safety_alert"."note" is null) or ("safety_alert"."acknowledged_at" is not null and "safety_alert"."acknowledged_by" is not null and "safety_alert"."action" is not null)),
	CONSTRAINT "safety_alert_time_order_check" CHECK ("safety_alert"."acknowledged_at" is null or "safety_alert"."acknowledged_at" >= "safety_alert"."created_at"),
	CONSTRAINT "safety_alert_response_check" CHECK ("safety_alert"."kind" = 'checkin' or "safety_alert"."response_id" is not null)
);
--> statement-breakpoint
ALTER TABLE "measure_response" ADD CONSTRAINT "measure_response_episode_participant_fk" FOREIGN KEY ("org_id","episode_id","participant_id") REFERENCES "public"."episode"("org_id","id","participant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_response" ADD CONSTRAINT "measure_response_entered_by_fk" FOREIGN KEY ("org_id","entered_by") REFERENCES "public"."app_user"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_alert" ADD CONSTRAINT "safety_alert_episode_participant_fk" FOREIGN KEY ("org_id","episode_id","participant_id") REFERENCES "public"."episode"("org_id","id","participant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_alert" ADD CONSTRAINT "safety_alert_response_fk" FOREIGN KEY ("org_id","response_id","participant_id") REFERENCES "public"."measure_response"("org_id","id","participant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_alert" ADD CONSTRAINT "safety_alert_acknowledged_by_fk" FOREIGN KEY ("org_id","acknowledged_by") REFERENCES "public"."app_user"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "measure_response_participant_idx" ON "measure_response" USING btree ("org_id","participant_id","instrument_id","administered_at");--> statement-breakpoint
CREATE UNIQUE INDEX "safety_alert_response_key" ON "safety_alert" USING btree ("org_id","response_id");--> statement-breakpoint
CREATE INDEX "safety_alert_open_idx" ON "safety_alert" USING btree ("org_id","created_at") WHERE acknowledged_at is null;--> statement-breakpoint
CREATE INDEX "safety_alert_participant_idx" ON "safety_alert" USING btree ("org_id","participant_id");--> statement-breakpoint
-- Clinical records are never deleted: the app's role may not DELETE responses or alerts (design.md, Data).
REVOKE DELETE, TRUNCATE ON measure_response, safety_alert FROM trellis_app;
