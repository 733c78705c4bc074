/**
 * "Is an IOP right for me?" — a public self-check. It asks what programs ask at a first call and says which level of
 * care to ask about, with the reasons in plain words. It is not a diagnosis nor a placement: ASAM's placement logic is
 * proprietary (domain.md §0), so this follows only the published rules of thumb (domain.md §1.3): the highest-risk
 * answer sets the minimum level (answers are never averaged); withdrawal (D1) and medical (D2) risk, or a living
 * situation that is not safe, call for more than an IOP; an IOP fits minimal withdrawal risk, stable health, and a home
 * not supportive enough for standard outpatient. Any answer about safety puts the crisis resources first.
 */
import { z } from 'zod';

export const SELF_CHECK_LEVELS = ['iop', 'more-intensive', 'outpatient'] as const;
export type SelfCheckLevel = (typeof SELF_CHECK_LEVELS)[number];

export const SELF_CHECK_LEVEL_LABELS: Record<SelfCheckLevel, string> = {
  iop: 'An intensive outpatient program (IOP)',
  'more-intensive': 'Something more intensive than an IOP',
  outpatient: 'Standard outpatient care',
};

const choose = 'choose one answer';

/** The answers to the self-check; every question needs an answer. */
export const selfCheckAnswersSchema = z.object({
  safetySelf: z.enum(['yes', 'no'], choose),
  safetyOthers: z.enum(['yes', 'no'], choose),
  withdrawal: z.enum(['no-use', 'use-no-withdrawal', 'mild', 'severe'], choose),
  medical: z.enum(['none', 'stable', 'unstable'], choose),
  home: z.enum(['supportive', 'unsupportive', 'unsafe'], choose),
  dailyLife: z.enum(['little', 'some', 'a-lot', 'unable'], choose),
  triedOutpatient: z.enum(['no', 'helped', 'not-enough'], choose),
  attend: z.enum(['yes', 'maybe', 'no'], choose),
  workOrSchool: z.enum(['yes', 'no'], choose),
});
export type SelfCheckAnswers = z.infer<typeof selfCheckAnswersSchema>;

/** One question as a page shows it; its answers are the schema's, so the two cannot drift apart. */
export type SelfCheckQuestion = {
  [K in keyof SelfCheckAnswers]: { id: K; text: string; options: { value: SelfCheckAnswers[K]; label: string }[] };
}[keyof SelfCheckAnswers];

/** The questions, in the order a page shows them. */
export const SELF_CHECK_QUESTIONS: readonly SelfCheckQuestion[] = [
  {
    id: 'safetySelf',
    text: 'In the past month, have you had thoughts of ending your life or of hurting yourself?',
    options: [
      { value: 'yes', label: 'Yes' },
      { value: 'no', label: 'No' },
    ],
  },
  {
    id: 'safetyOthers',
    text: 'In the past month, have you had thoughts of hurting someone else?',
    options: [
      { value: 'yes', label: 'Yes' },
      { value: 'no', label: 'No' },
    ],
  },
  {
    id: 'withdrawal',
    text: 'Do you drink or use drugs, and what happens when you stop or cut down?',
    options: [
      { value: 'no-use', label: 'I do not drink or use drugs' },
      { value: 'use-no-withdrawal', label: 'I do, and I feel fine when I stop' },
      { value: 'mild', label: 'I feel unwell, shaky or anxious when I stop' },
      { value: 'severe', label: 'I have had seizures, seen or heard things, or been very confused when I stopped' },
    ],
  },
  {
    id: 'medical',
    text: 'Do you have medical conditions?',
    options: [
      { value: 'none', label: 'No' },
      { value: 'stable', label: 'Yes, and they are under control' },
      { value: 'unstable', label: 'Yes, and they need frequent medical attention or have put me in hospital lately' },
    ],
  },
  {
    id: 'home',
    text: 'Where you live now, is it stable and are the people around you supportive?',
    options: [
      { value: 'supportive', label: 'Stable and supportive' },
      { value: 'unsupportive', label: 'Stable, but not very supportive of getting better' },
      { value: 'unsafe', label: 'Not stable or not safe (for example no safe place to stay, or others there use heavily)' },
    ],
  },
  {
    id: 'dailyLife',
    text: 'How much do your symptoms or use get in the way of daily life?',
    options: [
      { value: 'little', label: 'A little' },
      { value: 'some', label: 'Somewhat' },
      { value: 'a-lot', label: 'A lot — work, school, family or health are suffering' },
      { value: 'unable', label: 'I cannot manage day to day on my own' },
    ],
  },
  {
    id: 'triedOutpatient',
    text: 'In the past year, have you had weekly counselling or therapy?',
    options: [
      { value: 'no', label: 'No' },
      { value: 'helped', label: 'Yes, and it helped' },
      { value: 'not-enough', label: 'Yes, but it was not enough' },
    ],
  },
  {
    id: 'attend',
    text: 'Could you attend a program several times a week, for about three hours each time?',
    options: [
      { value: 'yes', label: 'Yes' },
      { value: 'maybe', label: 'Maybe, depending on the times' },
      { value: 'no', label: 'No' },
    ],
  },
  {
    id: 'workOrSchool',
    text: 'Do you have work or school you want to keep going to?',
    options: [
      { value: 'yes', label: 'Yes' },
      { value: 'no', label: 'No' },
    ],
  },
];

/** What the self-check says: a level to ask about and why, in plain words. */
export interface SelfCheckResult {
  level: SelfCheckLevel;
  /** Show the crisis resources before anything else (an answer about safety). */
  crisisFirst: boolean;
  headline: string;
  reasons: string[];
}

/** Said with every result: the self-check guides a conversation, it does not diagnose. */
export const SELF_CHECK_DISCLAIMER =
  'This is not a diagnosis and not a decision about your care. It is a guide for your first conversation with a program; ' +
  'a clinician will talk it through with you at an assessment.';

/**
 * Which level of care to ask about, with reasons. The most intensive need wins: safety, severe withdrawal, unstable
 * health, an unsafe home or being unable to manage day to day each ask for more than an IOP; otherwise a home that is
 * not supportive, daily life suffering a lot, mild withdrawal or weekly therapy that was not enough point to an IOP,
 * which also needs the person able to attend several times a week.
 */
export function selfCheckAdvice(answers: SelfCheckAnswers): SelfCheckResult {
  const crisisFirst = answers.safetySelf === 'yes' || answers.safetyOthers === 'yes';
  const moreIntensive: string[] = [];
  if (crisisFirst) {
    moreIntensive.push(
      'You said you have had thoughts of hurting yourself or someone else. Please reach a crisis line now; ' +
        'a program will also want to make sure you are safe before anything else.',
    );
  }
  if (answers.withdrawal === 'severe') {
    moreIntensive.push(
      'Seizures, seeing or hearing things, or confusion when stopping can be dangerous: stopping may need medical care ' +
        '(withdrawal management) before or alongside a program. Do not stop suddenly on your own without talking to a doctor.',
    );
  }
  if (answers.medical === 'unstable') {
    moreIntensive.push('Medical conditions that need frequent attention may need a program with more medical care.');
  }
  if (answers.home === 'unsafe') {
    moreIntensive.push('Without a stable, safe place to live, a program with housing or more hours of support each day may help more.');
  }
  if (answers.dailyLife === 'unable') {
    moreIntensive.push('When you cannot manage day to day on your own, a program with support most of the day may fit better.');
  }
  if (moreIntensive.length) {
    return {
      level: 'more-intensive',
      crisisFirst,
      headline: crisisFirst
        ? 'Your safety comes first. Reach a crisis line now, then ask a program about more intensive care.'
        : 'Ask about something more intensive than an IOP, such as partial hospitalization or a program with medical care.',
      reasons: moreIntensive,
    };
  }

  const iop: string[] = [];
  if (answers.dailyLife === 'a-lot') iop.push('Your symptoms or use get in the way of daily life a lot: more than one visit a week may help.');
  if (answers.home === 'unsupportive') iop.push('Your home is stable but not very supportive: an IOP gives you a group and a team several times a week.');
  if (answers.withdrawal === 'mild') {
    iop.push('Feeling unwell when you stop is worth telling the program: they will check whether you need medical help with withdrawal.');
  }
  if (answers.triedOutpatient === 'not-enough') iop.push('Weekly therapy was not enough: an IOP is the next step up.');

  if (!iop.length) {
    return {
      level: 'outpatient',
      crisisFirst: false,
      headline: 'Ask about standard outpatient care, such as weekly counselling or therapy.',
      reasons: ['Your answers do not point to a need for several visits a week. If that changes, an IOP is the next step up.'],
    };
  }
  if (answers.attend === 'no') {
    return {
      level: 'outpatient',
      crisisFirst: false,
      headline: 'Ask about standard outpatient care, and tell the program what keeps you from attending more often.',
      reasons: [
        ...iop,
        'An IOP needs you there several times a week, which you said you cannot do now. Many programs run evening or online ' +
          'tracks, so ask about them too.',
      ],
    };
  }
  const fit: string[] = [];
  if (answers.attend === 'maybe') fit.push('Ask which days and times the program runs; many have morning and evening tracks.');
  if (answers.workOrSchool === 'yes') fit.push('An IOP is built so you can keep going to work or school: sessions take a few hours, a few days a week.');
  return {
    level: 'iop',
    crisisFirst: false,
    headline: 'Ask about an intensive outpatient program (IOP).',
    reasons: [...iop, ...fit],
  };
}
