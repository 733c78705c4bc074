/** Participants: list, create, read and edit a participant's record. Every read of a record is audited. */
import { birthDateProblems } from '@trellis/core';
import type {
  ParticipantCreate,
  ParticipantListQuery,
  ParticipantPage,
  ParticipantUpdate,
  ParticipantView,
} from '@trellis/core';
import type { AppDeps } from '../../app.ts';
import {
  authorize,
  episodeColumns,
  episodeDetailVisibility,
  EPISODE_TABLE_COLUMNS,
  minimumNecessaryView,
  participantVisibility,
  type Actor,
} from '../../auth/access.ts';
import { recordAudit } from '../../audit/audit.ts';
import type { DbOrTx } from '../../db/index.ts';
import { participant } from '../../db/schema.ts';
import { assertVersion, badRequest, notFound, throwFirst } from '../../http/problems.ts';
import { assertParticipantAccessAudited } from './access-audit.ts';
import { decodeCursor, encodeCursor, listParticipants } from './list-query.ts';
import { episodesOfParticipant, findParticipant, insertParticipant, updateParticipant } from './queries.ts';
import { participantView } from './views.ts';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

function utcToday(now: Date): string {
  return now.toISOString().slice(0, 10);
}

function assertBirthDate(dateOfBirth: string | undefined, now: Date): void {
  if (dateOfBirth === undefined) return;
  throwFirst(birthDateProblems(dateOfBirth, utcToday(now)), 'Check the date of birth.');
}

type ParticipantColumns = Partial<typeof participant.$inferInsert>;

/** The columns a create or edit sets; fields left out of an edit are not touched, null clears one. */
function columnsOf(input: Partial<ParticipantCreate>): ParticipantColumns {
  const columns: ParticipantColumns = {};
  if (input.givenName !== undefined) columns.givenName = input.givenName;
  if (input.familyName !== undefined) columns.familyName = input.familyName;
  if (input.preferredName !== undefined) columns.preferredName = input.preferredName || null;
  if (input.pronouns !== undefined) columns.pronouns = input.pronouns || null;
  if (input.dateOfBirth !== undefined) columns.dateOfBirth = input.dateOfBirth;
  if (input.phone !== undefined) columns.phone = input.phone || null;
  if (input.email !== undefined) columns.email = input.email || null;
  if (input.sexForScoring !== undefined) columns.sexForScoring = input.sexForScoring;
  if (input.emergencyContact !== undefined) {
    columns.emergencyContactName = input.emergencyContact?.name ?? null;
    columns.emergencyContactRelationship = input.emergencyContact?.relationship ?? null;
    columns.emergencyContactPhone = input.emergencyContact?.phone ?? null;
  }
  return columns;
}

/** API field names whose value differs, for the audit trail (names only, never values). */
function changedFields(before: typeof participant.$inferSelect, columns: ParticipantColumns): string[] {
  const fields = new Set<string>();
  for (const [key, value] of Object.entries(columns) as [keyof ParticipantColumns, unknown][]) {
    if (before[key] === value) continue;
    fields.add(key.startsWith('emergencyContact') ? 'emergencyContact' : key);
  }
  return [...fields];
}

export async function browseParticipants(
  deps: Deps,
  actor: Actor,
  query: ParticipantListQuery,
): Promise<ParticipantPage> {
  authorize(actor, 'participant.read');
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;
  if (query.cursor && !cursor)
    throw badRequest([{ path: 'querystring.cursor', message: 'is not a cursor this list gave out' }]);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const rows = await listParticipants(tx, {
      orgId: actor.orgId,
      q: query.q || undefined,
      status: query.status,
      cursor,
      limit: query.limit,
      visibility: participantVisibility(actor, participant.id),
      activeEpisodeVisibility: episodeDetailVisibility(actor, episodeColumns('ae')),
      dischargedEpisodeVisibility: episodeDetailVisibility(actor, episodeColumns('d')),
      today: utcToday(now),
    });
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    // A list discloses each participant it shows: one event records them all, as the ids it lists.
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      {
        action: 'participant.list',
        entityType: 'participant',
        participantIds: page.map((r) => r.id),
        details: { count: page.length, status: query.status, searched: !!query.q, paged: !!cursor },
      },
      now,
    );
    return {
      items: page.map((r) => ({
        id: r.id,
        displayName: r.display_name,
        dateOfBirth: r.date_of_birth,
        activeEpisode: r.episode_id
          ? { id: r.episode_id, programName: r.program_name ?? '', trackName: r.track_name }
          : null,
      })),
      nextCursor:
        rows.length > query.limit && last
          ? encodeCursor({ familyName: last.family_name, givenName: last.given_name, id: last.id })
          : null,
    };
  });
}

export async function createParticipant(deps: Deps, actor: Actor, input: ParticipantCreate): Promise<ParticipantView> {
  authorize(actor, 'participant.write');
  assertBirthDate(input.dateOfBirth, deps.clock.now());
  return deps.db.transaction((tx) => registerParticipant(tx, deps, actor, input));
}

/**
 * Registers a participant inside the caller's transaction (with its audit event), so another use case — admitting
 * from an inquiry — can register and admit in one transaction.
 */
export async function registerParticipant(tx: DbOrTx, deps: Pick<Deps, 'clock'>, actor: Actor, input: ParticipantCreate): Promise<ParticipantView> {
  authorize(actor, 'participant.write');
  const now = deps.clock.now();
  assertBirthDate(input.dateOfBirth, now);
  const columns = columnsOf(input);
  const row = await insertParticipant(tx, {
    ...columns,
    givenName: input.givenName,
    familyName: input.familyName,
    dateOfBirth: input.dateOfBirth,
    orgId: actor.orgId,
  });
  await recordAudit(
    tx,
    actor,
    actor.orgId,
    {
      action: 'participant.create',
      entityType: 'participant',
      entityId: row.id,
      participantId: row.id,
      details: { fields: Object.keys(input).filter((k) => input[k as keyof ParticipantCreate] != null) },
    },
    now,
  );
  return participantView(row, [], now);
}

export async function readParticipant(deps: Deps, actor: Actor, participantId: string): Promise<ParticipantView> {
  authorize(actor, 'participant.read');
  await assertParticipantAccessAudited(deps, actor, participantId, 'participant.read');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const row = await findParticipant(tx, actor.orgId, participantId);
    if (!row) throw notFound('The participant');
    const episodes = await episodesOfParticipant(tx, actor.orgId, participantId, episodeDetailVisibility(actor, EPISODE_TABLE_COLUMNS));
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      { action: 'participant.read', entityType: 'participant', entityId: participantId, participantId },
      now,
    );
    return minimumNecessaryView(actor, participantView(row, episodes, now));
  });
}

export async function editParticipant(
  deps: Deps,
  actor: Actor,
  participantId: string,
  input: ParticipantUpdate,
): Promise<ParticipantView> {
  authorize(actor, 'participant.write');
  await assertParticipantAccessAudited(deps, actor, participantId, 'participant.update');
  const now = deps.clock.now();
  assertBirthDate(input.dateOfBirth, now);
  const { version, ...fields } = input;
  return deps.db.transaction(async (tx) => {
    const before = await findParticipant(tx, actor.orgId, participantId, { lock: true });
    if (!before) throw notFound('The participant');
    assertVersion(before.version, version, 'The participant');
    const columns = columnsOf(fields);
    const changed = changedFields(before, columns);
    const episodes = await episodesOfParticipant(tx, actor.orgId, participantId, episodeDetailVisibility(actor, EPISODE_TABLE_COLUMNS));
    if (changed.length === 0) {
      // Nothing to change: the answer is still a read of the record.
      await recordAudit(
        tx,
        actor,
        actor.orgId,
        { action: 'participant.read', entityType: 'participant', entityId: participantId, participantId },
        now,
      );
      return minimumNecessaryView(actor, participantView(before, episodes, now));
    }
    const row = await updateParticipant(tx, actor.orgId, participantId, columns);
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      {
        action: 'participant.update',
        entityType: 'participant',
        entityId: participantId,
        participantId,
        details: { fields: changed },
      },
      now,
    );
    return minimumNecessaryView(actor, participantView(row, episodes, now));
  });
}
