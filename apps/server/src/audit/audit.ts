/**
 * The audit trail: one vocabulary of events and one way to append them, in the same transaction as the change (or
 * read) they record. An append is a plain INSERT — no lock shared across requests; the sealer (sealer.ts) later seals
 * committed events into signed per-organisation batches, which is what makes edits, drops and truncation detectable.
 */
import { hash, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/index.ts';
import { canonicalJson } from './canonical.ts';

export const AUDIT_ACTIONS = [
  'auth.sign-in',
  'auth.sign-in-failed',
  'setup.create',
  'setup.update',
  'setup.delete',
  'participant.create',
  'participant.update',
  'participant.read',
  'participant.list',
  'episode.admit',
  'episode.move-track',
  'episode.discharge',
  'session.create',
  'session.cancel',
  'session.co-facilitators',
  'make-up.options',
  'make-up.book',
  'make-up.cancel',
  'roll.read',
  'attendance.record',
  'attendance.read',
  'ledger.read',
  'census.read',
  'audit.read',
  'access.denied',
  'program.part2-change-refused',
  'staff.invite',
  'staff.update',
  'staff.deactivate',
  'staff.reactivate',
  'staff.password-reset',
  'staff.list',
  'outbox.read',
  'organisation.security-update',
  'auth.password-changed',
  'auth.password-set',
  'auth.profile-change-refused',
  'auth.two-factor-enabled',
  'auth.two-factor-disabled',
  'measure.record',
  'measure.read',
  'safety-alert.raise',
  'safety-alert.list',
  'safety-alert.acknowledge',
  'diagnosis.read',
  'diagnosis.create',
  'diagnosis.update',
  'level-of-care.read',
  'level-of-care.assess',
  'level-of-care.export',
  'inquiry.create',
  'inquiry.list',
  'inquiry.update',
  'inquiry.admit',
  'inquiry.refer',
  'inquiry.pipeline',
  'measure-link.create',
  'measure.due-list',
  'check-in.record',
  'check-in.read',
  'safety-plan.read',
  'safety-plan.save',
  'relapse-plan.read',
  'relapse-plan.save',
  'availability.update',
  'unavailability.read',
  'unavailability.update',
  'appointment.slots',
  'appointment.list',
  'appointment.book',
  'appointment.reschedule',
  'appointment.cancel',
  'appointment.mark',
  'schedule-run.start',
  'schedule-run.read',
  'schedule-run.accept',
  'note.create',
  'note.update',
  'note.read',
  'note.list',
  'note.sign',
  'note.cosign',
  'note.addendum',
  'note.attention',
  'note.export',
  'group-note.read',
  'group-note.save',
  'group-note.sign',
  'outcomes.read',
  'treatment-plan.read',
  'treatment-plan.draft-create',
  'treatment-plan.draft-save',
  'treatment-plan.sign',
  'treatment-plan.signature',
  'treatment-plan.export',
  'plan-review.create',
  'plan-review.list',
  'certification.read',
  'certification.list',
  'certification.sign',
  'portal.read',
  'portal.account-read',
  'portal.invite',
  'portal.invitation-renewal',
  'calendar-feed.reset',
  'calendar-feed.read',
  'staff-calendar-feed.create',
  'staff-calendar-feed.revoke',
  'staff-calendar-feed.read',
  'intake-assessment.create',
  'intake-assessment.save',
  'intake-assessment.sign',
  'intake-assessment.addendum',
  'intake-assessment.read',
  'intake-assessment.list',
  'intake-assessment.unsigned-list',
  'intake-assessment.attach',
  'intake-assessment.export',
  'family.list',
  'family.create',
  'family.update',
  'family.invite',
  'family-consent.record',
  'family-consent.revoke',
  'family.read',
  'disclosure.read',
  'skills.publish',
  'skills.read',
  'skill-assignment.create',
  'skill-assignment.list',
  'skill-assignment.read',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditActor {
  userId: string;
  role: string;
  orgId: string;
}

export interface AuditEntry {
  action: AuditAction;
  entityType: string;
  entityId?: string | null;
  participantId?: string | null;
  /**
   * The participants a list view showed (census, participant list): one event records them all, and the audit trail
   * finds it when asked about any one of them.
   */
  participantIds?: readonly string[];
  outcome?: 'success' | 'denied';
  /** What changed (field names, counts, ids) — never clinical content. */
  details?: Record<string, unknown>;
}

/** The content an event's hash covers; the verifier rebuilds it from the stored row. */
export interface AuditEventContent {
  orgId: string;
  occurredAt: Date;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  outcome: string;
  entityType: string;
  entityId: string | null;
  participantId: string | null;
  /** Null for an event about one participant (or none); the hash then covers exactly what it did before lists. */
  participantIds: readonly string[] | null;
  details: Record<string, unknown>;
}

/**
 * The canonical text of an event's content: `canonicalJson` of { orgId, occurredAt (ISO), actorId, actorRole, action,
 * outcome, entityType, entityId, participantId, participantIds (left out when null), details }. Its keys are known,
 * so they are written in their sorted order directly; only the details are sorted as they come.
 */
export function auditEventText(e: AuditEventContent, detailsText = canonicalJson(e.details)): string {
  // One concatenation in key order (each value through canonicalJson, as the verifier reads it): building a list of
  // members and looping over it cost more than the hash.
  return (
    `{"action":${canonicalJson(e.action)},"actorId":${canonicalJson(e.actorId)},"actorRole":${canonicalJson(e.actorRole)}` +
    `,"details":${detailsText},"entityId":${canonicalJson(e.entityId)},"entityType":${canonicalJson(e.entityType)}` +
    `,"occurredAt":${canonicalJson(e.occurredAt.toISOString())},"orgId":${canonicalJson(e.orgId)},"outcome":${canonicalJson(e.outcome)}` +
    `,"participantId":${canonicalJson(e.participantId)}` +
    `${e.participantIds ? `,"participantIds":${canonicalJson(e.participantIds)}` : ''}}`
  );
}

/** sha256 (hex) of an event's canonical content. */
export function auditEventHash(e: AuditEventContent): string {
  return hash('sha256', auditEventText(e), 'hex');
}

/**
 * A time-ordered UUID (version 7, RFC 9562 §5.7): 48 bits of Unix milliseconds, then random bits. Events are
 * appended in time order, so their primary-key index grows at its right edge instead of at random pages. The random
 * bits (and the variant) come from `randomUUID`, which draws from a buffered pool of secure random bytes: a fresh
 * `randomBytes(16)` for every event cost more than hashing it.
 */
export function uuidv7(ms = Date.now()): string {
  if (ms !== uuidPrefixMs) {
    const time = ms.toString(16).padStart(12, '0');
    uuidPrefix = `${time.slice(0, 8)}-${time.slice(8, 12)}-7`;
    uuidPrefixMs = ms;
  }
  // randomUUID() is xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx: keep from after its version digit on.
  return uuidPrefix + randomUUID().slice(15);
}
/** The time part of the last uuidv7, for the events written in the same millisecond. */
let uuidPrefixMs = -1;
let uuidPrefix = '';

/** A transaction that runs parameterised statements by name (the roll's write path), instead of a Drizzle one. */
export interface StatementRunner {
  query<T = Record<string, unknown>>(name: string, text: string, values: unknown[]): Promise<T[]>;
}

/** The one append statement: every event of a call in one INSERT, from a JSON array (the parameter between the parts). */
const APPEND_SQL = [
  `insert into audit_event (id, org_id, occurred_at, actor_id, actor_role, action, outcome, entity_type, entity_id,
                           participant_id, participant_ids, details, hash)
   select e.id, e.org_id, e.occurred_at, e.actor_id, e.actor_role, e.action, e.outcome, e.entity_type, e.entity_id,
          e.participant_id, e.participant_ids, coalesce(e.details, '{}'::jsonb), e.hash
     from jsonb_to_recordset(`,
  `::jsonb) as e(id uuid, org_id uuid, occurred_at timestamptz, actor_id text, actor_role text, action text, outcome text,
                  entity_type text, entity_id text, participant_id uuid, participant_ids uuid[], details jsonb,
                  hash text)`,
] as const;

/**
 * The append as SQL text taking its events (`auditEventsJson`) as parameter `$n` — for a statement that writes its
 * change and its audit events together (the roll).
 */
export const auditAppendSql = (n: number) => `${APPEND_SQL[0]}$${n}${APPEND_SQL[1]}`;

/** The events to append, as the JSON `auditAppendSql` takes: content, organisation and hash of each. */
export function auditEventsJson(
  actor: AuditActor | null,
  orgId: string,
  entries: readonly AuditEntry[],
  at: Date,
): string {
  // Each event's details are written once, as canonical JSON: that text is both hashed and sent (jsonb reads it as
  // it reads any JSON), instead of stringifying the details a second time for the statement.
  const events = entries.map((entry) => {
    const event: AuditEventContent = {
      orgId,
      occurredAt: at,
      actorId: actor?.userId ?? null,
      actorRole: actor?.role ?? null,
      action: entry.action,
      outcome: entry.outcome ?? 'success',
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      // Lower case, as PostgreSQL gives a uuid back, so the stored event hashes the same.
      participantId: entry.participantId?.toLowerCase() ?? null,
      participantIds: entry.participantIds?.map((id) => id.toLowerCase()) ?? null,
      details: entry.details ?? {},
    };
    const detailsText = canonicalJson(event.details);
    const row = JSON.stringify({
      id: uuidv7(),
      org_id: orgId,
      occurred_at: at.toISOString(),
      actor_id: event.actorId,
      actor_role: event.actorRole,
      action: event.action,
      outcome: event.outcome,
      entity_type: event.entityType,
      entity_id: event.entityId,
      participant_id: event.participantId,
      participant_ids: event.participantIds,
      hash: hash('sha256', auditEventText(event, detailsText), 'hex'),
    });
    return `${row.slice(0, -1)},"details":${detailsText}}`;
  });
  return `[${events.join(',')}]`;
}

/**
 * Appends audit events inside the caller's transaction (a Drizzle transaction or database, or the roll's statement
 * runner): one INSERT, no lock beyond the rows it writes. Every feature records its events through this function.
 */
export async function recordAudit(
  tx: DbOrTx | StatementRunner,
  actor: AuditActor | null,
  orgId: string,
  entries: AuditEntry | readonly AuditEntry[],
  at: Date,
): Promise<void> {
  const list: readonly AuditEntry[] = Array.isArray(entries) ? entries : [entries as AuditEntry];
  if (list.length === 0) return;
  const json = auditEventsJson(actor, orgId, list, at);
  if (!('execute' in tx)) {
    await tx.query('trellis_audit_append', auditAppendSql(1), [json]);
    return;
  }
  await tx.execute(sql`${sql.raw(APPEND_SQL[0])}${json}${sql.raw(APPEND_SQL[1])}`);
}
