import { LEDGER_STATUSES, type LedgerStatus } from '@trellis/core';

export const LEDGER_STATUS_LABELS: Record<LedgerStatus, string> = {
  met: 'Met',
  'on-track': 'On track',
  'at-risk': 'At risk',
  short: 'Short',
};

export const LEDGER_STATUS_COLORS: Record<LedgerStatus, string> = {
  met: 'green',
  'on-track': 'blue',
  'at-risk': 'orange',
  short: 'red',
};

export const LEDGER_STATUS_DESCRIPTIONS: Record<LedgerStatus, string> = {
  met: 'Attended hours already reach the weekly minimum.',
  'on-track': 'Attended plus still-scheduled hours reach the weekly minimum.',
  'at-risk': 'Even with every remaining session, the week falls below the minimum — it can still be saved.',
  short: 'The week is over and attended hours stayed below the minimum.',
};

/** Census order: weeks that can still be saved first, then lost weeks, then the fine ones. */
const ATTENTION_ORDER: Record<LedgerStatus, number> = { 'at-risk': 0, short: 1, 'on-track': 2, met: 3 };

export function byAttention(a: LedgerStatus, b: LedgerStatus): number {
  return ATTENTION_ORDER[a] - ATTENTION_ORDER[b];
}

export { LEDGER_STATUSES };
