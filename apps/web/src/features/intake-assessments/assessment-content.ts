/** The assessment's answers as the pages show them: an immutable setter for the form and a read-out for signed ones. */
import {
  HOME_STABILITY_LABELS,
  IDEATION_LABELS,
  READINESS_LABELS,
  SUBSTANCE_LABELS,
  USE_FREQUENCY_LABELS,
  USE_ROUTE_LABELS,
  WITHDRAWAL_RISK_LABELS,
  type IntakeAssessmentContent,
} from '@trellis/core';

/** A copy of `content` with the value at a dotted path set (objects and arrays on the way are copied, not changed). */
export function setAnswer<T extends object>(content: T, path: string, value: unknown): T {
  const [head, ...rest] = path.split('.');
  const key = /^\d+$/.test(head!) ? Number(head) : head!;
  const copy = (Array.isArray(content) ? [...(content as unknown[])] : { ...content }) as Record<string | number, unknown>;
  if (rest.length === 0) {
    if (value === undefined && !Array.isArray(copy)) delete copy[key];
    else copy[key] = value;
  } else {
    const next = (copy[key] as object | undefined) ?? (/^\d+$/.test(rest[0]!) ? [] : {});
    copy[key] = setAnswer(next, rest.join('.'), value);
  }
  return copy as T;
}

const yesNo = (v: boolean | undefined) => (v === undefined ? undefined : v ? 'Yes' : 'No');

export interface AnswerSection {
  title: string;
  answers: { label: string; value: string | undefined }[];
}

/** Every section with its answers in the form's order, labels and choices in words (unanswered: undefined). */
export function answerSections(c: IntakeAssessmentContent): AnswerSection[] {
  const s = c.stressorsAndSupports;
  const r = c.riskScreen;
  const substances = c.substanceUse?.substances ?? [];
  return [
    { title: 'Presenting problem', answers: [{ label: 'Presenting problem', value: c.presentingProblem }] },
    { title: 'Mental health history', answers: [{ label: 'Mental health history', value: c.mentalHealthHistory }] },
    {
      title: 'Substance use',
      answers: c.substanceUse?.noneReported
        ? [{ label: 'Substances', value: 'No substance use reported' }]
        : substances.map((x, i) => ({
            label: `Substance ${i + 1}`,
            value: [
              x.substance === 'other' ? x.otherName : x.substance && SUBSTANCE_LABELS[x.substance],
              x.route && USE_ROUTE_LABELS[x.route],
              x.frequency && USE_FREQUENCY_LABELS[x.frequency],
              x.lastUse && `last use ${x.lastUse}`,
              x.priorTreatment && `prior treatment: ${x.priorTreatment}`,
            ]
              .filter(Boolean)
              .join(' · '),
          })),
    },
    { title: 'Current symptoms', answers: [{ label: 'Current symptoms', value: c.currentSymptoms }] },
    {
      title: 'Stressors and support systems',
      answers: [
        { label: 'Home stability', value: s?.homeStability && HOME_STABILITY_LABELS[s.homeStability] },
        { label: 'Stressors', value: s?.stressors },
        { label: 'Who supports recovery', value: s?.supportsRecovery },
      ],
    },
    {
      title: 'Medical needs and conditions',
      answers: [
        { label: 'Conditions', value: c.medical?.conditions },
        { label: 'Needs', value: c.medical?.needs },
        { label: 'A condition to treat first', value: yesNo(c.medical?.treatFirst) },
      ],
    },
    { title: 'Medications', answers: [{ label: 'Medications', value: c.medications }] },
    { title: 'Legal', answers: [{ label: 'Legal', value: c.legal }] },
    {
      title: 'Work, school and family obligations',
      answers: [
        { label: 'Work or school', value: c.obligations?.workSchool },
        { label: 'Family', value: c.obligations?.family },
      ],
    },
    { title: 'Strengths', answers: [{ label: 'Strengths', value: c.strengths }] },
    {
      title: 'Risk screen',
      answers: [
        { label: 'Thoughts of suicide', value: r?.suicidalIdeation && IDEATION_LABELS[r.suicidalIdeation] },
        { label: 'Thoughts of harming others', value: r?.harmToOthers && IDEATION_LABELS[r.harmToOthers] },
        { label: 'Withdrawal risk', value: r?.withdrawalRisk && WITHDRAWAL_RISK_LABELS[r.withdrawalRisk] },
        { label: 'Eating disorder needing meal support', value: yesNo(r?.eatingDisorderNeedsMealSupport) },
        { label: 'Readiness to change', value: r?.readiness && READINESS_LABELS[r.readiness] },
        { label: 'Notes', value: r?.notes },
      ],
    },
  ];
}
