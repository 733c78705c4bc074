DROP INDEX "audit_event_participant_idx";--> statement-breakpoint
DROP INDEX "audit_event_time_idx";--> statement-breakpoint
CREATE INDEX "audit_event_participant_idx" ON "audit_event" USING btree ("org_id","participant_id","occurred_at") WHERE "audit_event"."participant_id" is not null;--> statement-breakpoint
CREATE INDEX "audit_event_time_idx" ON "audit_event" USING brin ("occurred_at");