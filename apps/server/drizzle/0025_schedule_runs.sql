CREATE TABLE "schedule_run" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"program_id" uuid,
	"week_monday" date NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"proposal" jsonb,
	"error" text,
	"result" jsonb,
	"requested_by" text NOT NULL,
	"accepted_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "schedule_run_org_id_id_key" UNIQUE("org_id","id"),
	CONSTRAINT "schedule_run_status_check" CHECK ("schedule_run"."status" in ('queued', 'solved', 'failed', 'accepted')),
	CONSTRAINT "schedule_run_state_check" CHECK (("schedule_run"."status" = 'queued' or "schedule_run"."status" = 'failed' or "schedule_run"."proposal" is not null)
          and ("schedule_run"."status" <> 'accepted' or ("schedule_run"."result" is not null and "schedule_run"."accepted_by" is not null))
          and ("schedule_run"."status" <> 'failed' or "schedule_run"."error" is not null))
);
--> statement-breakpoint
ALTER TABLE "program" ADD COLUMN "required_services" jsonb;--> statement-breakpoint
ALTER TABLE "schedule_run" ADD CONSTRAINT "schedule_run_program_fk" FOREIGN KEY ("org_id","program_id") REFERENCES "public"."program"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_run" ADD CONSTRAINT "schedule_run_requested_by_fk" FOREIGN KEY ("org_id","requested_by") REFERENCES "public"."app_user"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_run" ADD CONSTRAINT "schedule_run_accepted_by_fk" FOREIGN KEY ("org_id","accepted_by") REFERENCES "public"."app_user"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "schedule_run_org_idx" ON "schedule_run" USING btree ("org_id","created_at");--> statement-breakpoint
ALTER TABLE "program" ADD CONSTRAINT "program_required_services_check" CHECK ("program"."required_services" is null or jsonb_typeof("program"."required_services") = 'array');