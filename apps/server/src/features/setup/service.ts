/**
 * Setup use cases: sites, rooms, programs and the staff list. Tracks are in tracks.ts. Each write authorizes, runs in
 * one transaction and records its audit event last.
 */
import { and, eq, gt, sql } from 'drizzle-orm';
import {
  DEFAULT_PER_DIEM_MIN_HOURS,
  EARLIEST_DATE,
  Temporal,
  defaultWeeklyHours,
  isPart2Focus,
  programWeekContaining,
  type CreateProgram,
  type CreateRoom,
  type CreateSite,
  type Program,
  type Room,
  type Site,
  type StaffMember,
  type StaffRole,
  type UpdateProgram,
  type UpdateRoom,
  type UpdateSite,
} from '@trellis/core';
import type { AppDeps } from '../../app.ts';
import { authorize, type Actor } from '../../auth/access.ts';
import { recordAudit } from '../../audit/audit.ts';
import type { DbOrTx } from '../../db/index.ts';
import { program, programHours, room, session, site } from '../../db/schema.ts';
import { assertVersion, badRequest, conflict, notFound } from '../../http/problems.ts';
import {
  findProgram,
  findRoom,
  findSite,
  listPrograms,
  listRooms,
  listSites,
  listStaff,
  programHasTracks,
} from './queries.ts';
import { notFoundFields } from './references.ts';
import { refusingDuplicates } from './unique.ts';
import { assertPart2Unchanged, refusePart2Reflag } from './part2-focus.ts';

export type SetupDeps = Pick<AppDeps, 'db' | 'clock'>;

/** Names of the fields a patch changes, compared with the stored values. */
function changedFields<P extends object>(stored: { [K in keyof P]?: unknown }, patch: P): (keyof P & string)[] {
  return (Object.keys(patch) as (keyof P & string)[]).filter((k) => patch[k] !== undefined && patch[k] !== stored[k]);
}

function pick<T extends object, K extends keyof T>(values: T, keys: readonly K[]): Pick<T, K> {
  const result = {} as Pick<T, K>;
  for (const k of keys) result[k] = values[k];
  return result;
}

const auditActor = (actor: Actor) => ({ userId: actor.userId, role: actor.role, orgId: actor.orgId });

/** The zone as the zone database spells it ('america/new_york' is stored as 'America/New_York'). */
const canonicalZone = (zone: string) => Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(zone).timeZoneId;

// ---- Sites ----

export async function getSites(deps: SetupDeps, actor: Actor): Promise<{ items: Site[] }> {
  authorize(actor, 'setup.read');
  return { items: await listSites(deps.db, actor.orgId) };
}

const SITE_DUPLICATE = {
  site_org_name_key: {
    path: 'body.name',
    message: 'is already the name of a site',
    detail: 'Another site has this name.',
  },
};

export async function createSite(deps: SetupDeps, actor: Actor, input: CreateSite): Promise<Site> {
  authorize(actor, 'setup.write');
  return refusingDuplicates(
    () =>
      deps.db.transaction(async (tx) => {
        const [row] = await tx
          .insert(site)
          .values({
            orgId: actor.orgId,
            name: input.name,
            timeZone: canonicalZone(input.timeZone),
            address: input.address || null,
          })
          .returning({
            id: site.id,
            name: site.name,
            timeZone: site.timeZone,
            address: site.address,
            version: site.version,
          });
        if (!row) throw new Error('site not created');
        await recordAudit(
          tx,
          auditActor(actor),
          actor.orgId,
          {
            action: 'setup.create',
            entityType: 'site',
            entityId: row.id,
            details: { name: row.name, timeZone: row.timeZone },
          },
          deps.clock.now(),
        );
        return row;
      }),
    SITE_DUPLICATE,
  );
}

export async function updateSite(deps: SetupDeps, actor: Actor, id: string, input: UpdateSite): Promise<Site> {
  authorize(actor, 'setup.write');
  return refusingDuplicates(
    () =>
      deps.db.transaction(async (tx) => {
        const stored = await findSite(tx, actor.orgId, id, { lock: true });
        if (!stored) throw notFound('The site');
        assertVersion(stored.version, input.version, 'The site');
        const patch = {
          name: input.name,
          timeZone: input.timeZone === undefined ? undefined : canonicalZone(input.timeZone),
          address: input.address === undefined ? undefined : input.address || null,
        };
        const fields = changedFields(stored, patch);
        const now = deps.clock.now();
        const sessionsMoved =
          patch.timeZone !== undefined && patch.timeZone !== stored.timeZone
            ? await rezoneFutureSessions(tx, actor.orgId, id, stored.timeZone, patch.timeZone, now)
            : 0;
        const [row] = await tx
          .update(site)
          .set({ ...pick(patch, fields), version: sql`${site.version} + 1`, updatedAt: now })
          .where(and(eq(site.orgId, actor.orgId), eq(site.id, id)))
          .returning({
            id: site.id,
            name: site.name,
            timeZone: site.timeZone,
            address: site.address,
            version: site.version,
          });
        if (!row) throw notFound('The site');
        await recordAudit(
          tx,
          auditActor(actor),
          actor.orgId,
          { action: 'setup.update', entityType: 'site', entityId: id, details: { fields, sessionsMoved } },
          now,
        );
        return row;
      }),
    SITE_DUPLICATE,
  );
}

/**
 * A site's zone was corrected: its future sessions keep their wall-clock times (18:00 stays 18:00 for the people in
 * the room), so their instants move. Sessions that have begun are history and stay as they were.
 */
async function rezoneFutureSessions(
  tx: DbOrTx,
  orgId: string,
  siteId: string,
  fromZone: string,
  toZone: string,
  now: Date,
): Promise<number> {
  const rows = await tx
    .select({ id: session.id, startsAt: session.startsAt, endsAt: session.endsAt })
    .from(session)
    .where(and(eq(session.orgId, orgId), eq(session.siteId, siteId), gt(session.startsAt, now.toISOString())));
  const move = (instant: string) =>
    Temporal.Instant.fromEpochMilliseconds(Date.parse(instant))
      .toZonedDateTimeISO(fromZone)
      .toPlainDateTime()
      .toZonedDateTime(toZone, { disambiguation: 'compatible' })
      .toInstant()
      .toString();
  for (let i = 0; i < rows.length; i += 500) {
    const values = rows
      .slice(i, i + 500)
      .map((r) => sql`(${r.id}::uuid, ${move(r.startsAt)}::timestamptz, ${move(r.endsAt)}::timestamptz)`);
    await tx.execute(sql`
      update session s set starts_at = v.starts_at, ends_at = v.ends_at, updated_at = ${now.toISOString()}::timestamptz
        from (values ${sql.join(values, sql`, `)}) as v(id, starts_at, ends_at)
       where s.org_id = ${orgId} and s.id = v.id`);
  }
  return rows.length;
}

// ---- Rooms ----

export async function getRooms(deps: SetupDeps, actor: Actor, siteId?: string): Promise<{ items: Room[] }> {
  authorize(actor, 'setup.read');
  return { items: await listRooms(deps.db, actor.orgId, siteId) };
}

const ROOM_DUPLICATE = {
  room_site_name_key: {
    path: 'body.name',
    message: 'is already the name of a room at this site',
    detail: 'Another room at this site has this name.',
  },
};

const roomReturning = {
  id: room.id,
  siteId: room.siteId,
  name: room.name,
  kind: room.kind,
  capacity: room.capacity,
  meetingUrl: room.meetingUrl,
  active: room.active,
  version: room.version,
};

export async function createRoom(deps: SetupDeps, actor: Actor, input: CreateRoom): Promise<Room> {
  authorize(actor, 'setup.write');
  return refusingDuplicates(
    () =>
      deps.db.transaction(async (tx) => {
        if (!(await findSite(tx, actor.orgId, input.siteId))) {
          throw notFoundFields([{ path: 'body.siteId', message: 'is not a site of this organisation' }]);
        }
        const [row] = await tx
          .insert(room)
          .values({
            orgId: actor.orgId,
            siteId: input.siteId,
            name: input.name,
            kind: input.kind,
            capacity: input.capacity ?? null,
            meetingUrl: input.meetingUrl ?? null,
          })
          .returning(roomReturning);
        if (!row) throw new Error('room not created');
        await recordAudit(
          tx,
          auditActor(actor),
          actor.orgId,
          {
            action: 'setup.create',
            entityType: 'room',
            entityId: row.id,
            details: { siteId: row.siteId, kind: row.kind },
          },
          deps.clock.now(),
        );
        return row;
      }),
    ROOM_DUPLICATE,
  );
}

export async function updateRoom(deps: SetupDeps, actor: Actor, id: string, input: UpdateRoom): Promise<Room> {
  authorize(actor, 'setup.write');
  return refusingDuplicates(
    () =>
      deps.db.transaction(async (tx) => {
        const stored = await findRoom(tx, actor.orgId, id, { lock: true });
        if (!stored) throw notFound('The room');
        assertVersion(stored.version, input.version, 'The room');
        const { version: _version, ...patch } = input;
        if (stored.kind === 'virtual' && patch.meetingUrl === null) {
          throw badRequest([{ path: 'body.meetingUrl', message: 'is required for a virtual room' }]);
        }
        const fields = changedFields(stored, patch);
        const now = deps.clock.now();
        const [row] = await tx
          .update(room)
          .set({ ...pick(patch, fields), version: sql`${room.version} + 1`, updatedAt: now })
          .where(and(eq(room.orgId, actor.orgId), eq(room.id, id)))
          .returning(roomReturning);
        if (!row) throw notFound('The room');
        await recordAudit(
          tx,
          auditActor(actor),
          actor.orgId,
          { action: 'setup.update', entityType: 'room', entityId: id, details: { fields } },
          now,
        );
        return row;
      }),
    ROOM_DUPLICATE,
  );
}

// ---- Programs ----

export async function getPrograms(deps: SetupDeps, actor: Actor): Promise<{ items: Program[] }> {
  authorize(actor, 'setup.read');
  return { items: await listPrograms(deps.db, actor.orgId) };
}

const PROGRAM_DUPLICATE = {
  program_org_name_key: {
    path: 'body.name',
    message: 'is already the name of a program',
    detail: 'Another program has this name.',
  },
};

const minutes = (hours: number) => Math.round(hours * 60);

function assertHoursInOrder(min: number, max: number | null): void {
  if (max !== null && min > max) {
    throw badRequest([{ path: 'body.minWeeklyHours', message: `must not be more than the maximum (${max} h)` }]);
  }
}

/** Records the hours a program requires from a date on (one row per date; a second change that week replaces it). */
async function recordProgramHours(
  tx: DbOrTx,
  orgId: string,
  programId: string,
  effectiveFrom: string,
  h: { minWeeklyHours: number; maxWeeklyHours: number | null; perDiemMinHours: number },
): Promise<void> {
  const values = {
    minWeeklyMinutes: minutes(h.minWeeklyHours),
    maxWeeklyMinutes: h.maxWeeklyHours === null ? null : minutes(h.maxWeeklyHours),
    perDiemMinMinutes: minutes(h.perDiemMinHours),
  };
  await tx
    .insert(programHours)
    .values({ orgId, programId, effectiveFrom, ...values })
    .onConflictDoUpdate({ target: [programHours.orgId, programHours.programId, programHours.effectiveFrom], set: values });
}

export async function createProgram(deps: SetupDeps, actor: Actor, input: CreateProgram): Promise<Program> {
  authorize(actor, 'setup.write');
  return refusingDuplicates(
    () =>
      deps.db.transaction(async (tx) => {
        if (!(await findSite(tx, actor.orgId, input.siteId))) {
          throw notFoundFields([{ path: 'body.siteId', message: 'is not a site of this organisation' }]);
        }
        const defaults = defaultWeeklyHours(input.levelOfCare, input.population);
        const minHours = input.minWeeklyHours ?? defaults.minHours;
        const maxHours = input.maxWeeklyHours === undefined ? defaults.maxHours : input.maxWeeklyHours;
        assertHoursInOrder(minHours, maxHours);
        const [row] = await tx
          .insert(program)
          .values({
            orgId: actor.orgId,
            siteId: input.siteId,
            name: input.name,
            levelOfCare: input.levelOfCare,
            population: input.population,
            focus: input.focus,
            part2: isPart2Focus(input.focus),
            minWeeklyMinutes: minutes(minHours),
            maxWeeklyMinutes: maxHours === null ? null : minutes(maxHours),
            perDiemMinMinutes: minutes(input.perDiemMinHours ?? DEFAULT_PER_DIEM_MIN_HOURS),
          })
          .returning({ id: program.id });
        if (!row) throw new Error('program not created');
        await recordProgramHours(tx, actor.orgId, row.id, EARLIEST_DATE, {
          minWeeklyHours: minHours,
          maxWeeklyHours: maxHours,
          perDiemMinHours: input.perDiemMinHours ?? DEFAULT_PER_DIEM_MIN_HOURS,
        });
        const view = await findProgram(tx, actor.orgId, row.id);
        if (!view) throw new Error('program not found after insert');
        await recordAudit(
          tx,
          auditActor(actor),
          actor.orgId,
          {
            action: 'setup.create',
            entityType: 'program',
            entityId: row.id,
            details: {
              levelOfCare: view.levelOfCare,
              population: view.population,
              focus: view.focus,
              part2: view.part2,
            },
          },
          deps.clock.now(),
        );
        return view;
      }),
    PROGRAM_DUPLICATE,
  );
}

export async function updateProgram(deps: SetupDeps, actor: Actor, id: string, input: UpdateProgram): Promise<Program> {
  authorize(actor, 'setup.write');
  await refusePart2Reflag(deps, actor, id, input.focus);
  return refusingDuplicates(
    () =>
      deps.db.transaction(async (tx) => {
        const stored = await findProgram(tx, actor.orgId, id, { lock: true });
        if (!stored) throw notFound('The program');
        assertVersion(stored.version, input.version, 'The program');
        await assertPart2Unchanged(tx, actor.orgId, id, input.focus);
        const { version: _version, ...patch } = input;
        const fields = changedFields(stored, patch).filter(
          (f) => f !== 'requiredServices' || JSON.stringify(patch.requiredServices) !== JSON.stringify(stored.requiredServices),
        );
        if (fields.includes('siteId') && patch.siteId) {
          if (!(await findSite(tx, actor.orgId, patch.siteId))) {
            throw notFoundFields([{ path: 'body.siteId', message: 'is not a site of this organisation' }]);
          }
          if (await programHasTracks(tx, actor.orgId, id)) {
            throw conflict(
              'A program with tracks cannot move to another site: its rooms and sessions belong to this one.',
              [{ path: 'body.siteId', message: 'cannot change while the program has tracks' }],
            );
          }
        }
        const merged = { ...stored, ...pick(patch, fields) };
        // A new level of care or population brings its own hours: reset to its defaults unless the edit sets them.
        if (fields.includes('levelOfCare') || fields.includes('population')) {
          const defaults = defaultWeeklyHours(merged.levelOfCare, merged.population);
          if (input.minWeeklyHours === undefined) merged.minWeeklyHours = defaults.minHours;
          if (input.maxWeeklyHours === undefined) merged.maxWeeklyHours = defaults.maxHours;
        }
        assertHoursInOrder(merged.minWeeklyHours, merged.maxWeeklyHours);
        const now = deps.clock.now();
        const hoursChanged =
          merged.minWeeklyHours !== stored.minWeeklyHours ||
          merged.maxWeeklyHours !== stored.maxWeeklyHours ||
          merged.perDiemMinHours !== stored.perDiemMinHours;
        if (hoursChanged) {
          // The new hours apply from this program week on; earlier weeks keep the hours they were judged against.
          const monday = programWeekContaining(now.toISOString(), stored.timeZone).monday;
          await recordProgramHours(tx, actor.orgId, id, monday, merged);
          for (const f of ['minWeeklyHours', 'maxWeeklyHours', 'perDiemMinHours'] as const) {
            if (merged[f] !== stored[f] && !fields.includes(f)) fields.push(f);
          }
        }
        await tx
          .update(program)
          .set({
            siteId: merged.siteId,
            name: merged.name,
            levelOfCare: merged.levelOfCare,
            population: merged.population,
            focus: merged.focus,
            part2: isPart2Focus(merged.focus),
            minWeeklyMinutes: minutes(merged.minWeeklyHours),
            maxWeeklyMinutes: merged.maxWeeklyHours === null ? null : minutes(merged.maxWeeklyHours),
            perDiemMinMinutes: minutes(merged.perDiemMinHours),
            requiredServices: merged.requiredServices,
            active: merged.active,
            version: sql`${program.version} + 1`,
            updatedAt: now,
          })
          .where(and(eq(program.orgId, actor.orgId), eq(program.id, id)));
        const view = await findProgram(tx, actor.orgId, id);
        if (!view) throw notFound('The program');
        await recordAudit(
          tx,
          auditActor(actor),
          actor.orgId,
          {
            action: 'setup.update',
            entityType: 'program',
            entityId: id,
            details: fields.includes('focus') ? { fields, part2: isPart2Focus(merged.focus) } : { fields },
          },
          now,
        );
        return view;
      }),
    PROGRAM_DUPLICATE,
  );
}

// ---- Staff ----

export async function getStaff(deps: SetupDeps, actor: Actor, role?: StaffRole): Promise<{ items: StaffMember[] }> {
  authorize(actor, 'staff.read');
  return { items: await listStaff(deps.db, actor.orgId, role) };
}
