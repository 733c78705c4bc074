/** The daily check-in as a form: its draft values, and core's `checkInSchema` judging the request they make. */
import { checkInSchema } from '@trellis/core';
import { coreRequestForm } from '../../app/core-form.ts';

export interface CheckInDraft {
  mood: number | string;
  anxiety: number | string;
  craving: number | string;
  sleepHours: number | string;
  anyUse: '' | 'yes' | 'no';
  substancesUsed: string;
  selfHarmThoughts: '' | 'yes' | 'no';
  note: string;
}

export const EMPTY_CHECK_IN: CheckInDraft = {
  mood: 5,
  anxiety: 5,
  craving: 0,
  sleepHours: '',
  anyUse: '',
  substancesUsed: '',
  selfHarmThoughts: '',
  note: '',
};

const numberOrNull = (v: number | string) => (v === '' ? null : Number(v));
const yesNo = (v: '' | 'yes' | 'no') => (v === '' ? null : v === 'yes');

export const checkInForm = coreRequestForm(
  checkInSchema,
  (v: CheckInDraft) => ({
    mood: numberOrNull(v.mood),
    anxiety: numberOrNull(v.anxiety),
    craving: numberOrNull(v.craving),
    sleepHours: numberOrNull(v.sleepHours),
    anyUse: yesNo(v.anyUse),
    substancesUsed: v.anyUse === 'yes' ? v.substancesUsed : null,
    selfHarmThoughts: yesNo(v.selfHarmThoughts),
    note: v.note.trim() === '' ? null : v.note,
  }),
  {
    whenEmpty: {
      sleepHours: 'Enter the hours slept',
      anyUse: 'Choose yes or no',
      selfHarmThoughts: 'Choose yes or no',
      substancesUsed: 'Say what was used',
    },
  },
);
