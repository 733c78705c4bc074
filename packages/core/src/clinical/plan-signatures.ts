/**
 * Who signs a treatment plan version (domain.md §5: "client and staff dated signatures"; co-signature of pre-licensed
 * staff, §6): the clinician who authored it signs first, which locks its content; the participant signs the same
 * content (in person today, in the portal later); a supervisor signs off where the program asks for it.
 */
import { roleAllows, type StaffRole } from '../roles.ts';

export const PLAN_VERSION_STATUSES = ['draft', 'signed'] as const;
export type PlanVersionStatus = (typeof PLAN_VERSION_STATUSES)[number];

export const PLAN_SIGNERS = ['clinician', 'participant', 'supervisor'] as const;
export type PlanSigner = (typeof PLAN_SIGNERS)[number];

/** How a signature was taken: on a staff member's device in person, or by the participant signed in to the portal. */
export const PLAN_SIGNATURE_METHODS = ['in_person', 'portal'] as const;
export type PlanSignatureMethod = (typeof PLAN_SIGNATURE_METHODS)[number];

export const PLAN_SIGNER_LABELS: Record<PlanSigner, string> = {
  clinician: 'Clinician',
  participant: 'Participant',
  supervisor: 'Supervisor sign-off',
};

/** The signatures a signed version still needs: the participant's, and the supervisor's when the program asks for it. */
export function missingPlanSignatures(signed: readonly PlanSigner[], supervisorSignOff: boolean): PlanSigner[] {
  const needed: PlanSigner[] = ['clinician', 'participant', ...(supervisorSignOff ? (['supervisor'] as const) : [])];
  return needed.filter((s) => !signed.includes(s));
}

/**
 * Why a staff member may not sign off a plan as supervisor, or null when they may: a role that co-signs, not the
 * plan's own clinician, and the clinician's supervisor (their staff account's supervisor) — the co-signature rule.
 */
export function planSignOffRefusal(
  author: { id: string; supervisorId: string | null },
  signer: { id: string; role: StaffRole },
): string | null {
  if (!roleAllows(signer.role, 'note.cosign')) return 'Your role does not sign off plans.';
  if (signer.id === author.id) return 'A plan cannot be signed off by the clinician who signed it.';
  if (author.supervisorId === null) return 'The clinician who signed this plan has no supervisor on their staff account.';
  if (author.supervisorId !== signer.id) return "Only the signing clinician's supervisor signs off their plans.";
  return null;
}

/** The words a certifying prescriber attests (42 CFR 424.24(e); domain.md §3.1), by level of care. */
export const CERTIFICATION_STATEMENTS = {
  php:
    'I certify that this person would otherwise require inpatient psychiatric care, that partial hospitalization ' +
    'services are furnished under an individualized written plan of care that I have reviewed, and that they are ' +
    'under the care of a physician or non-physician practitioner.',
  iop:
    'I certify that this person requires a minimum of 9 hours per week of therapeutic services, that intensive ' +
    'outpatient services are furnished under an individualized written plan of care that I have reviewed, and that ' +
    'they are under the care of a physician or non-physician practitioner.',
} as const;
