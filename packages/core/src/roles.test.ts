import { describe, expect, it } from 'vitest';
import { ACTIONS, PERMISSIONS, readsParticipantRecords, roleAllows, STAFF_ROLES, type Action, type StaffRole } from './roles.ts';

describe('role table (minimum necessary)', () => {
  const cases: [StaffRole, Action, boolean][] = [
    ['admin', 'participant.read', false],
    ['admin', 'attendance.read', false],
    ['admin', 'census.read', false],
    ['admin', 'staff.write', true],
    ['admin', 'audit.read', true],
    ['director', 'staff.write', false],
    ['director', 'episode.write', true],
    ['clinician', 'episode.write', true],
    ['clinician', 'audit.read', false],
    ['prescriber', 'episode.write', false],
    ['prescriber', 'attendance.write', false],
    ['intake', 'episode.admit', true],
    ['intake', 'episode.write', false],
    ['intake', 'attendance.read', false],
    ['intake', 'census.read', false],
    ['biller', 'attendance.read', true],
    ['biller', 'participant.write', false],
    ['biller', 'clinical-note.read', false],
    ['intake', 'clinical-note.read', false],
    ['prescriber', 'clinical-note.read', true],
    // The admissions board: intake runs it, the director answers for it; nobody else reads people's inquiries.
    ['intake', 'inquiry.write', true],
    ['director', 'inquiry.write', true],
    ['clinician', 'inquiry.read', false],
    ['prescriber', 'inquiry.read', false],
    ['biller', 'inquiry.read', false],
    ['admin', 'inquiry.read', false],
  ];
  it.each(cases)('%s may %s: %s', (role, action, allowed) => {
    expect(roleAllows(role, action)).toBe(allowed);
  });

  it('lists only known actions, once each', () => {
    for (const role of STAFF_ROLES) {
      expect(PERMISSIONS[role].every((a) => ACTIONS.includes(a))).toBe(true);
      expect(new Set(PERMISSIONS[role]).size).toBe(PERMISSIONS[role].length);
    }
  });

  it('gives every role that reads the census or attendance the participant read too', () => {
    for (const role of STAFF_ROLES) {
      if (roleAllows(role, 'census.read') || roleAllows(role, 'attendance.read')) expect(readsParticipantRecords(role)).toBe(true);
    }
  });

  it('only the administrator keeps no participant records', () => {
    expect(STAFF_ROLES.filter((r) => !readsParticipantRecords(r))).toEqual(['admin']);
  });
});
