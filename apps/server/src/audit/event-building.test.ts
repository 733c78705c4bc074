import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { auditEventHash, auditEventText, uuidv7, type AuditEventContent } from './audit.ts';
import { canonicalJson } from './canonical.ts';

describe('uuidv7', () => {
  const at = Date.UTC(2026, 10, 30, 12, 0, 0, 123);

  it('is a version-7 UUID of the RFC 9562 variant carrying the milliseconds in its first 48 bits', () => {
    const id = uuidv7(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(at);
  });

  it('sorts in time order and differs in its random bits within one millisecond', () => {
    const [early, later, latest] = [uuidv7(at), uuidv7(at + 1), uuidv7(at + 256)];
    expect(early < later && later < latest).toBe(true);
    expect(new Set(Array.from({ length: 1000 }, () => uuidv7(at))).size).toBe(1000);
  });
});

describe('auditEventText', () => {
  const base: AuditEventContent = {
    orgId: '0b7d4c2e-1111-4aaa-8bbb-123456789abc',
    occurredAt: new Date('2026-11-30T12:00:00.123Z'),
    actorId: 'staff-1',
    actorRole: 'clinician',
    action: 'attendance.record',
    outcome: 'success',
    entityType: 'attendance',
    entityId: 'a1',
    participantId: '9c1d4c2e-2222-4aaa-8bbb-123456789abc',
    participantIds: null,
    details: { sessionId: 's1', to: 'present', from: null, minutesAttended: 180 },
  };
  /** The definition the verifier has always hashed: the content as an object, through canonicalJson. */
  const definition = (e: AuditEventContent) =>
    canonicalJson({
      orgId: e.orgId,
      occurredAt: e.occurredAt.toISOString(),
      actorId: e.actorId,
      actorRole: e.actorRole,
      action: e.action,
      outcome: e.outcome,
      entityType: e.entityType,
      entityId: e.entityId,
      participantId: e.participantId,
      participantIds: e.participantIds ?? undefined,
      details: e.details,
    });

  it.each<[string, AuditEventContent]>([
    ['an event about one participant', base],
    ['a list disclosure', { ...base, action: 'roll.read', participantId: null, participantIds: ['b', 'a'], details: { entries: 2 } }],
    ['an empty list, nobody acting, nested details', { ...base, actorId: null, actorRole: null, participantIds: [], details: { z: { b: [1, { d: 2, c: 'é"' }] }, a: undefined } }],
  ])('writes exactly the canonical text of the content: %s', (_label, event) => {
    expect(auditEventText(event)).toBe(definition(event));
    expect(auditEventHash(event)).toBe(createHash('sha256').update(definition(event), 'utf8').digest('hex'));
  });
});
