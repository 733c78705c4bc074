ALTER TABLE "session" ADD COLUMN "cancelled_by_closure_id" uuid;--> statement-breakpoint
-- Sessions closures cancelled before this column existed: cancelled at the closure's site on its days with its reason.
UPDATE "session" s SET "cancelled_by_closure_id" = c.id
  FROM "site_closure" c
 WHERE s.org_id = c.org_id AND s.site_id = c.site_id AND s.status = 'cancelled' AND s.cancel_reason = c.reason
   AND s.local_date BETWEEN c.from_date AND c.to_date;--> statement-breakpoint
ALTER TABLE "session" ADD CONSTRAINT "session_closure_fk" FOREIGN KEY ("org_id","cancelled_by_closure_id") REFERENCES "public"."site_closure"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session" ADD CONSTRAINT "session_closure_cancelled_check" CHECK ("session"."cancelled_by_closure_id" is null or "session"."status" = 'cancelled');