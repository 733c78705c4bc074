-- The app connects as trellis_app, a role that owns nothing: it reads and writes rows but cannot alter tables,
-- disable triggers, or change the audit trail (INSERT and SELECT only there). Migrations run as the owner. Roles are
-- shared by every database of the server, so creating it tolerates another database (or a concurrent start) having
-- made it first.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'trellis_app') THEN
    CREATE ROLE trellis_app NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END
$$;--> statement-breakpoint
GRANT trellis_app TO CURRENT_USER;--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO trellis_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO trellis_app;--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO trellis_app;--> statement-breakpoint
-- Tables and sequences later migrations create get the same grants.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO trellis_app;--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO trellis_app;--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON audit_event, audit_batch, audit_event_chain_v1, audit_chain_v1_head FROM trellis_app;--> statement-breakpoint
REVOKE INSERT ON audit_event_chain_v1, audit_chain_v1_head FROM trellis_app;
