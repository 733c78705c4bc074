/**
 * Safety alerts (issue 7): what raises one, and what a person records when they acknowledge it. A PHQ-9 item 9 above
 * 0, a C-SSRS screener at moderate or high risk, or a check-in reporting thoughts of self-harm raises an alert for the
 * participant's primary clinician and their program's supervisors; it stays open until someone records what they did.
 */
import type { MeasureFlag } from './instrument.ts';

/** Why an alert was raised: the instrument answer behind it. */
export const SAFETY_ALERT_KINDS = ['phq9-item9', 'cssrs-risk', 'checkin'] as const;
export type SafetyAlertKind = (typeof SAFETY_ALERT_KINDS)[number];

/** What the person acknowledging an alert did about it (issue 7); an alert cannot be closed without one. */
export const SAFETY_ACTIONS = ['contacted', 'safety_plan_reviewed', 'escalated', 'emergency_services'] as const;
export type SafetyAction = (typeof SAFETY_ACTIONS)[number];

export const SAFETY_ACTION_LABELS: Readonly<Record<SafetyAction, string>> = {
  contacted: 'Contacted the participant',
  safety_plan_reviewed: 'Reviewed the safety plan',
  escalated: 'Escalated',
  emergency_services: 'Called emergency services',
};

/** The alert kind a safety flag raises, by flag code; a flag of any other code raises none. */
const KIND_OF_FLAG: Readonly<Record<string, SafetyAlertKind>> = {
  'phq9-item9': 'phq9-item9',
  'cssrs-high': 'cssrs-risk',
  'cssrs-moderate': 'cssrs-risk',
  'check-in-self-harm': 'checkin',
};

/**
 * The alert a scored response raises, or null: one alert per response whatever the number of safety flags (an
 * instrument raises at most one today). A safety flag this table does not know is a programming error, thrown rather
 * than ignored, so a new safety flag can never go unalerted silently.
 */
export function safetyAlertKindOf(flags: readonly MeasureFlag[]): SafetyAlertKind | null {
  const safety = flags.find((f) => f.kind === 'safety');
  if (!safety) return null;
  const kind = KIND_OF_FLAG[safety.code];
  if (!kind) throw new Error(`safety flag ${safety.code} has no alert kind`);
  return kind;
}

/**
 * Besides the participant's primary clinician, who must see an alert: staff of these roles assigned to the episode's
 * program (its supervisors), and the primary clinician's own supervisor where they may see the episode. Directors
 * supervise programs (docs/roles.md).
 */
export const SAFETY_ALERT_SUPERVISOR_ROLES = ['director'] as const;
