import { describe, expect, it } from 'vitest';
import { ACTIONS, PERMISSIONS, cosignRefusal, readsParticipantRecords, roleAllows, STAFF_ROLES, type Action, type StaffRole } from './roles.ts';

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
    ['clinician', 'measure.write', true],
    ['prescriber', 'measure.write', true],
    ['prescriber', 'safety-alert.acknowledge', true],
    ['director', 'safety-alert.acknowledge', true],
    ['intake', 'measure.read', false],
    ['intake', 'measure.write', false],
    ['biller', 'measure.read', false],
    ['admin', 'measure.read', false],
    ['admin', 'safety-alert.acknowledge', false],
    ['clinician', 'safety-plan.write', true],
    ['biller', 'safety-plan.write', false],
    ['intake', 'safety-plan.write', false],
    ['biller', 'diagnosis.read', true],
    ['biller', 'diagnosis.write', false],
    ['intake', 'diagnosis.read', false],
    ['admin', 'diagnosis.read', false],
    ['clinician', 'diagnosis.write', true],
    ['clinician', 'level-of-care.write', true],
    ['intake', 'level-of-care.write', false],
    ['biller', 'level-of-care.write', false],
    ['clinician', 'note.sign', true],
    ['prescriber', 'note.sign', true],
    ['intake', 'note.sign', false],
    ['biller', 'note.sign', false],
    ['director', 'note.cosign', true],
    ['admin', 'note.cosign', false],
    ['prescriber', 'certification.sign', true],
    ['clinician', 'certification.sign', false],
    ['director', 'certification.sign', false],
    // The admissions board: intake runs it, the director answers for it; nobody else reads people's inquiries.
    ['intake', 'inquiry.write', true],
    ['director', 'inquiry.write', true],
    ['clinician', 'inquiry.read', false],
    ['prescriber', 'inquiry.read', false],
    ['biller', 'inquiry.read', false],
    ['admin', 'inquiry.read', false],
    // Appointments: the treating roles and intake book them; only treating roles record whether they were kept.
    ['prescriber', 'appointment.write', true],
    ['intake', 'appointment.write', true],
    ['intake', 'appointment.mark', false],
    ['clinician', 'appointment.mark', true],
    ['biller', 'appointment.read', false],
    ['admin', 'appointment.read', false],
    ['admin', 'availability.write', true],
    // The weekly auto-scheduler books a whole census's week: the director and the scheduling coordinator (intake).
    ['director', 'schedule-run.write', true],
    ['intake', 'schedule-run.write', true],
    ['clinician', 'schedule-run.write', false],
    ['prescriber', 'schedule-run.write', false],
    ['admin', 'schedule-run.write', false],
    ['intake', 'availability.write', false],
    // Program outcomes: aggregates of clinical scores, for the treating roles; nobody else sees them.
    ['director', 'outcomes.read', true],
    ['clinician', 'outcomes.read', true],
    ['prescriber', 'outcomes.read', true],
    ['admin', 'outcomes.read', false],
    ['biller', 'outcomes.read', false],
    ['intake', 'outcomes.read', false],
    // Intake assessments: intake coordinators assess before admission; billers and administrators never.
    ['intake', 'intake-assessment.write', true],
    ['clinician', 'intake-assessment.write', true],
    ['biller', 'intake-assessment.read', false],
    ['admin', 'intake-assessment.read', false],
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

describe('clinical record actions', () => {
  it('whoever writes diagnoses or levels of care also reads clinical free text', () => {
    for (const role of STAFF_ROLES) {
      if (roleAllows(role, 'diagnosis.write') || roleAllows(role, 'level-of-care.write')) {
        expect(roleAllows(role, 'clinical-note.read'), role).toBe(true);
      }
    }
  });

  it('only the roles that sign notes may co-sign them', () => {
    for (const role of STAFF_ROLES) if (roleAllows(role, 'note.cosign')) expect(roleAllows(role, 'note.sign'), role).toBe(true);
  });
});

describe('cosignRefusal', () => {
  const intern = { id: 'intern', supervisorId: 'sup' };
  it.each([
    ['the supervisor, a clinician', { id: 'sup', role: 'clinician' }, null],
    ['the supervisor, a director', { id: 'sup', role: 'director' }, null],
    ['another clinician', { id: 'other', role: 'clinician' }, /supervisor/],
    ['the author', { id: 'intern', role: 'clinician' }, /author/],
    ['a supervisor whose role does not co-sign', { id: 'sup', role: 'biller' }, /role/],
  ] as const)('%s', (_name, cosigner, refusal) => {
    const r = cosignRefusal(intern, cosigner);
    if (refusal === null) expect(r).toBeNull();
    else expect(r).toMatch(refusal);
  });

  it('a note whose author has no supervisor cannot be co-signed by anyone', () => {
    expect(cosignRefusal({ id: 'x', supervisorId: null }, { id: 'sup', role: 'director' })).toMatch(/supervisor/);
  });
});
