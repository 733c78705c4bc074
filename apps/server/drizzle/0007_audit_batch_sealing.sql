-- The hash chain with its per-organisation head row (whose lock serialised every write) gives way to batch sealing.
-- Events written under the chain are kept, read-only, in audit_event_chain_v1 (checked by the old chain rule).
ALTER TABLE "audit_event" RENAME TO "audit_event_chain_v1";--> statement-breakpoint
ALTER TABLE "audit_event_chain_v1" RENAME CONSTRAINT "audit_event_pkey" TO "audit_event_chain_v1_pkey";--> statement-breakpoint
ALTER TABLE "audit_event_chain_v1" RENAME CONSTRAINT "audit_event_org_seq_key" TO "audit_event_chain_v1_org_seq_key";--> statement-breakpoint
DROP INDEX "audit_event_participant_idx";--> statement-breakpoint
DROP INDEX "audit_event_actor_idx";--> statement-breakpoint
DROP INDEX "audit_event_time_idx";--> statement-breakpoint
ALTER TABLE "audit_chain_head" RENAME TO "audit_chain_v1_head";--> statement-breakpoint
ALTER TABLE "audit_chain_v1_head" RENAME CONSTRAINT "audit_chain_head_pkey" TO "audit_chain_v1_head_pkey";--> statement-breakpoint
ALTER TABLE "audit_chain_v1_head" RENAME CONSTRAINT "audit_chain_head_org_id_organisation_id_fk" TO "audit_chain_v1_head_org_id_organisation_id_fk";--> statement-breakpoint
CREATE TABLE "audit_event" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "audit_event_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tx" xid8 DEFAULT pg_current_xact_id() NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"actor_id" text,
	"actor_role" text,
	"action" text NOT NULL,
	"outcome" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"participant_id" uuid,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_event_seq_key" UNIQUE("seq")
);--> statement-breakpoint
CREATE INDEX "audit_event_org_seq_idx" ON "audit_event" USING btree ("org_id","seq");--> statement-breakpoint
CREATE INDEX "audit_event_tx_idx" ON "audit_event" USING btree ("tx");--> statement-breakpoint
CREATE INDEX "audit_event_participant_idx" ON "audit_event" USING btree ("org_id","participant_id","occurred_at");--> statement-breakpoint
CREATE INDEX "audit_event_actor_idx" ON "audit_event" USING btree ("org_id","actor_id","occurred_at");--> statement-breakpoint
CREATE INDEX "audit_event_time_idx" ON "audit_event" USING btree ("org_id","occurred_at");--> statement-breakpoint
CREATE TABLE "audit_batch" (
	"org_id" uuid NOT NULL,
	"batch_no" bigint NOT NULL,
	"sealed_below" xid8 NOT NULL,
	"event_count" integer NOT NULL,
	"seqs" bigint[] NOT NULL,
	"merkle_root" text NOT NULL,
	"prev_hash" text NOT NULL,
	"batch_hash" text NOT NULL,
	"key_id" text NOT NULL,
	"signature" text NOT NULL,
	"sealed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "audit_batch_org_id_batch_no_pk" PRIMARY KEY("org_id","batch_no")
);--> statement-breakpoint
CREATE TABLE "audit_seal_state" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"sealed_below" xid8 NOT NULL
);--> statement-breakpoint
INSERT INTO "audit_seal_state" ("id", "sealed_below") VALUES (1, '1'::xid8);--> statement-breakpoint
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION trellis_refuse_audit_change();--> statement-breakpoint
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION trellis_refuse_audit_change();--> statement-breakpoint
CREATE TRIGGER audit_batch_append_only BEFORE UPDATE OR DELETE ON audit_batch
  FOR EACH ROW EXECUTE FUNCTION trellis_refuse_audit_change();--> statement-breakpoint
CREATE TRIGGER audit_batch_no_truncate BEFORE TRUNCATE ON audit_batch
  FOR EACH STATEMENT EXECUTE FUNCTION trellis_refuse_audit_change();
