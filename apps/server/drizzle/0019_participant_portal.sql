-- Participant accounts and the portal: a participant_user links a sign-in (app_user, role participant) to exactly one
-- participant; the copied role and its composite foreign key keep a staff account from being linked. app_user roles and
-- outbox kinds are checked against core's lists. calendar_feed keeps only the sha-256 of a feed token. trellis_app gets
-- these tables through the default privileges of 0008.
CREATE TABLE "calendar_feed" (
	"org_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_feed_org_id_participant_id_pk" PRIMARY KEY("org_id","participant_id"),
	CONSTRAINT "calendar_feed_token_hash_check" CHECK ("calendar_feed"."token_hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "participant_user" (
	"org_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"role" text DEFAULT 'participant' NOT NULL,
	"participant_id" uuid NOT NULL,
	"invited_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "participant_user_org_id_user_id_pk" PRIMARY KEY("org_id","user_id"),
	CONSTRAINT "participant_user_role_check" CHECK ("participant_user"."role" = 'participant')
);
--> statement-breakpoint
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_org_id_id_role_key" UNIQUE("org_id","id","role");--> statement-breakpoint
ALTER TABLE "calendar_feed" ADD CONSTRAINT "calendar_feed_participant_fk" FOREIGN KEY ("org_id","participant_id") REFERENCES "public"."participant"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participant_user" ADD CONSTRAINT "participant_user_user_fk" FOREIGN KEY ("org_id","user_id","role") REFERENCES "public"."app_user"("org_id","id","role") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participant_user" ADD CONSTRAINT "participant_user_participant_fk" FOREIGN KEY ("org_id","participant_id") REFERENCES "public"."participant"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participant_user" ADD CONSTRAINT "participant_user_invited_by_fk" FOREIGN KEY ("org_id","invited_by") REFERENCES "public"."app_user"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feed_token_key" ON "calendar_feed" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "participant_user_user_key" ON "participant_user" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "participant_user_participant_key" ON "participant_user" USING btree ("org_id","participant_id");--> statement-breakpoint
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_role_check" CHECK ("app_user"."role" in ('admin', 'director', 'clinician', 'prescriber', 'intake', 'biller', 'participant'));--> statement-breakpoint
ALTER TABLE "outbox_message" ADD CONSTRAINT "outbox_message_kind_check" CHECK ("outbox_message"."kind" in ('invitation', 'password-reset', 'portal-invitation'));