import { describe, expect, it } from 'vitest';
import { missingPlanSignatures, planSignOffRefusal, type PlanSigner } from './plan-signatures.ts';

describe('missingPlanSignatures', () => {
  it.each([
    ['a fresh version without sign-off', [], false, ['clinician', 'participant']],
    ['clinician signed, program without sign-off', ['clinician'], false, ['participant']],
    ['clinician signed, program with sign-off', ['clinician'], true, ['participant', 'supervisor']],
    ['everyone signed', ['clinician', 'participant', 'supervisor'], true, []],
    ['a supervisor signature where none is asked is simply extra', ['clinician', 'participant', 'supervisor'], false, []],
  ] as [string, PlanSigner[], boolean, PlanSigner[]][])('%s', (_name, signed, signOff, missing) => {
    expect(missingPlanSignatures(signed, signOff)).toEqual(missing);
  });
});

describe('planSignOffRefusal', () => {
  const author = { id: 'c1', supervisorId: 'd1' };
  it.each([
    ['the supervisor (a director)', author, { id: 'd1', role: 'director' as const }, null],
    ['the clinician themselves', { id: 'c1', supervisorId: 'c1' }, { id: 'c1', role: 'clinician' as const }, /cannot be signed off by the clinician/],
    ['another director', author, { id: 'd2', role: 'director' as const }, /Only the signing clinician's supervisor/],
    ['a biller named as supervisor', author, { id: 'd1', role: 'biller' as const }, /does not sign off/],
    ['an author with no supervisor', { id: 'c1', supervisorId: null }, { id: 'd1', role: 'director' as const }, /no supervisor/],
  ])('%s', (_name, a, signer, expected) => {
    const refusal = planSignOffRefusal(a, signer);
    if (expected === null) expect(refusal).toBeNull();
    else expect(refusal).toMatch(expected);
  });
});
