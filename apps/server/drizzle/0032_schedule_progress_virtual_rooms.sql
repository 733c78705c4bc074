-- Where a queued auto-schedule run is (phase, count, site), written by the solving process as the worker reports it;
-- a finished run keeps its last phase. Null for runs stored before it.
ALTER TABLE "schedule_run" ADD COLUMN "progress" jsonb;--> statement-breakpoint
-- A virtual room is a meeting link: it holds any number of appointments at once, as it already holds any number of
-- groups (sessions/bookings.ts). Only the clinician's and the participant's own clashes keep them apart there. A
-- physical room still holds one appointment at a time. The exclusion constraint cannot read the room, so each
-- appointment carries its room's kind: copied by a trigger on insert and on a change of room, kept the room's by a
-- foreign key on (room, kind) that cascades a change of the room's kind, and present exactly when there is a room.
ALTER TABLE "appointment" ADD COLUMN "room_kind" text;--> statement-breakpoint
UPDATE "appointment" a SET "room_kind" = r."kind" FROM "room" r WHERE r."org_id" = a."org_id" AND r."id" = a."room_id";--> statement-breakpoint
ALTER TABLE "room" ADD CONSTRAINT "room_org_id_id_kind_key" UNIQUE("org_id","id","kind");--> statement-breakpoint
ALTER TABLE "appointment" ADD CONSTRAINT "appointment_room_kind_fk" FOREIGN KEY ("org_id","room_id","room_kind") REFERENCES "public"."room"("org_id","id","kind") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "appointment" ADD CONSTRAINT "appointment_room_kind_check" CHECK (("appointment"."room_id" is null) = ("appointment"."room_kind" is null));--> statement-breakpoint
CREATE OR REPLACE FUNCTION trellis_appointment_room_kind() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.room_kind := (SELECT r.kind FROM room r WHERE r.org_id = NEW.org_id AND r.id = NEW.room_id);
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER appointment_room_kind BEFORE INSERT OR UPDATE OF room_id ON "appointment"
  FOR EACH ROW EXECUTE FUNCTION trellis_appointment_room_kind();--> statement-breakpoint
ALTER TABLE "appointment" DROP CONSTRAINT "appointment_room_excl";--> statement-breakpoint
ALTER TABLE "appointment" ADD CONSTRAINT "appointment_room_excl" EXCLUDE USING gist (
  "org_id" WITH =, "room_id" WITH =, tstzrange("starts_at", "ends_at") WITH &&
) WHERE ("status" in ('booked', 'attended') and "room_kind" = 'physical');
