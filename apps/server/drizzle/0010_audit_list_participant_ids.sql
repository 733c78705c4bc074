-- A list view (census, participant list) records the participants it showed in one event; the GIN index finds the
-- events that showed a given participant.
ALTER TABLE "audit_event" ADD COLUMN "participant_ids" uuid[];--> statement-breakpoint
CREATE INDEX "audit_event_participant_ids_idx" ON "audit_event" USING gin ("participant_ids");
