/**
 * Checks of what a block or session points at: the facilitator and the room. Ids of another organisation are
 * simply unknown here (404 naming the field); known but unsuitable ones are 400 naming the field.
 */
import { FACILITATOR_ROLES, STAFF_ROLE_LABELS, type StaffRole } from '@trellis/core';
import type { DbOrTx } from '../../db/index.ts';
import { Problem, badRequest, type FieldProblem } from '../../http/problems.ts';
import { roomsByIds, staffByIds } from './queries.ts';

export interface SessionReferences {
  /** Field path prefix, e.g. 'body.blocks.2' or 'body'. */
  path: string;
  facilitatorId?: string | null | undefined;
  /** Where a problem with the facilitator is reported, when not `<path>.facilitatorId` (e.g. 'body.coFacilitatorIds.1'). */
  facilitatorPath?: string;
  roomId?: string | null | undefined;
  capacity: number;
}

/** 404 naming the fields that point at nothing in this organisation. */
export function notFoundFields(errors: FieldProblem[]): Problem {
  return new Problem(404, 'Not found', 'Something this refers to was not found.', errors);
}

const join = (path: string, field: string) => (path ? `${path}.${field}` : field);

/** Throws 404 for unknown facilitators or rooms, 400 for inactive ones, rooms of another site, or too small rooms. */
export async function checkSessionReferences(
  db: DbOrTx,
  orgId: string,
  siteId: string,
  items: readonly SessionReferences[],
): Promise<void> {
  const facilitatorIds = [...new Set(items.map((i) => i.facilitatorId).filter((id): id is string => !!id))];
  const roomIds = [...new Set(items.map((i) => i.roomId).filter((id): id is string => !!id))];
  const staff = await staffByIds(db, orgId, facilitatorIds);
  const rooms = await roomsByIds(db, orgId, roomIds);
  const staffById = new Map(staff.map((s) => [s.id, s]));
  const roomById = new Map(rooms.map((r) => [r.id, r]));

  const unknown: FieldProblem[] = [];
  const bad: FieldProblem[] = [];
  const labels = FACILITATOR_ROLES.map((r) => STAFF_ROLE_LABELS[r].toLowerCase());
  const facilitatorRoles = `${labels.slice(0, -1).join(', ')} or ${labels.at(-1) ?? ''}`;
  for (const item of items) {
    if (item.facilitatorId) {
      const person = staffById.get(item.facilitatorId);
      const path = item.facilitatorPath ?? join(item.path, 'facilitatorId');
      if (!person) unknown.push({ path, message: 'is not a staff member of this organisation' });
      else if (!person.active) bad.push({ path, message: `${person.name} is no longer active` });
      else if (!FACILITATOR_ROLES.includes(person.role as StaffRole)) {
        bad.push({ path, message: `must be a ${facilitatorRoles}` });
      }
    }
    if (item.roomId) {
      const place = roomById.get(item.roomId);
      const path = join(item.path, 'roomId');
      if (!place) unknown.push({ path, message: 'is not a room of this organisation' });
      else if (!place.active) bad.push({ path, message: `${place.name} is no longer in use` });
      else if (place.siteId !== siteId)
        bad.push({ path, message: `${place.name} is at another site than the program` });
      else if (place.kind === 'physical' && place.capacity !== null && item.capacity > place.capacity) {
        bad.push({
          path: join(item.path, 'capacity'),
          message: `must be at most ${place.capacity}, the seats in ${place.name}`,
        });
      }
    }
  }
  if (unknown.length) throw notFoundFields(unknown);
  if (bad.length) throw badRequest(bad);
}
