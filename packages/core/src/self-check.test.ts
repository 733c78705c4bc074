import { describe, expect, it } from 'vitest';
import { CRISIS_RESOURCES } from './crisis-resources.ts';
import { SELF_CHECK_QUESTIONS, selfCheckAdvice, selfCheckAnswersSchema, type SelfCheckAnswers } from './self-check.ts';

/** Someone doing fairly well: weekly therapy helped, a supportive home, no use. */
const calm: SelfCheckAnswers = {
  safetySelf: 'no',
  safetyOthers: 'no',
  withdrawal: 'no-use',
  medical: 'none',
  home: 'supportive',
  dailyLife: 'some',
  triedOutpatient: 'helped',
  attend: 'yes',
  workOrSchool: 'no',
};
const with_ = (changes: Partial<SelfCheckAnswers>): SelfCheckAnswers => ({ ...calm, ...changes });

describe('selfCheckAdvice', () => {
  it.each([
    // Each single answer that asks for more than an IOP, even when everything else points to outpatient.
    { what: 'thoughts of self-harm', answers: with_({ safetySelf: 'yes' }), level: 'more-intensive', crisis: true },
    { what: 'thoughts of harming others', answers: with_({ safetyOthers: 'yes' }), level: 'more-intensive', crisis: true },
    { what: 'severe withdrawal', answers: with_({ withdrawal: 'severe' }), level: 'more-intensive', crisis: false },
    { what: 'unstable medical conditions', answers: with_({ medical: 'unstable' }), level: 'more-intensive', crisis: false },
    { what: 'an unsafe home', answers: with_({ home: 'unsafe' }), level: 'more-intensive', crisis: false },
    { what: 'cannot manage day to day', answers: with_({ dailyLife: 'unable' }), level: 'more-intensive', crisis: false },
    // Safety still comes first when the person cannot attend, and when everything else looks like an IOP.
    { what: 'safety and cannot attend', answers: with_({ safetySelf: 'yes', attend: 'no' }), level: 'more-intensive', crisis: true },
    { what: 'safety with an IOP profile', answers: with_({ safetySelf: 'yes', dailyLife: 'a-lot' }), level: 'more-intensive', crisis: true },
    // Each single answer that points to an IOP.
    { what: 'daily life suffers a lot', answers: with_({ dailyLife: 'a-lot' }), level: 'iop', crisis: false },
    { what: 'an unsupportive home', answers: with_({ home: 'unsupportive' }), level: 'iop', crisis: false },
    { what: 'mild withdrawal', answers: with_({ withdrawal: 'mild' }), level: 'iop', crisis: false },
    { what: 'weekly therapy was not enough', answers: with_({ triedOutpatient: 'not-enough' }), level: 'iop', crisis: false },
    { what: 'IOP profile, maybe able to attend', answers: with_({ dailyLife: 'a-lot', attend: 'maybe' }), level: 'iop', crisis: false },
    // IOP profile but cannot attend several times a week: ask about outpatient, and say why.
    { what: 'IOP profile, cannot attend', answers: with_({ dailyLife: 'a-lot', attend: 'no' }), level: 'outpatient', crisis: false },
    // The edges just below each step up.
    { what: 'the calm profile', answers: calm, level: 'outpatient', crisis: false },
    { what: 'daily life suffers a little', answers: with_({ dailyLife: 'little' }), level: 'outpatient', crisis: false },
    { what: 'use without withdrawal', answers: with_({ withdrawal: 'use-no-withdrawal' }), level: 'outpatient', crisis: false },
    { what: 'stable medical conditions', answers: with_({ medical: 'stable' }), level: 'outpatient', crisis: false },
    { what: 'no therapy yet', answers: with_({ triedOutpatient: 'no' }), level: 'outpatient', crisis: false },
    { what: 'cannot attend, no IOP need', answers: with_({ attend: 'no' }), level: 'outpatient', crisis: false },
  ] as const)('$what → $level', ({ answers, level, crisis }) => {
    const result = selfCheckAdvice(answers);
    expect(result.level).toBe(level);
    expect(result.crisisFirst).toBe(crisis);
    expect(result.reasons.length).toBeGreaterThan(0);
  });

  it('gives a reason for every answer that raised the level, and never averages them away', () => {
    const result = selfCheckAdvice(with_({ withdrawal: 'severe', medical: 'unstable', home: 'unsafe', dailyLife: 'unable' }));
    expect(result.level).toBe('more-intensive');
    expect(result.reasons).toHaveLength(4);
  });

  it('tells someone with work or school that an IOP is built around it', () => {
    expect(selfCheckAdvice(with_({ dailyLife: 'a-lot', workOrSchool: 'yes' })).reasons.join(' ')).toMatch(/work or school/);
    expect(selfCheckAdvice(with_({ dailyLife: 'a-lot', workOrSchool: 'no' })).reasons.join(' ')).not.toMatch(/work or school/);
  });

  it('puts the crisis line in the headline when safety is answered yes', () => {
    expect(selfCheckAdvice(with_({ safetyOthers: 'yes' })).headline).toMatch(/crisis line/);
    expect(selfCheckAdvice(with_({ withdrawal: 'severe' })).headline).not.toMatch(/crisis/);
  });

  it('never claims a diagnosis', () => {
    const all = [calm, with_({ safetySelf: 'yes' }), with_({ dailyLife: 'a-lot' }), with_({ dailyLife: 'a-lot', attend: 'no' })];
    for (const answers of all) {
      const { headline, reasons } = selfCheckAdvice(answers);
      expect([headline, ...reasons].join(' ')).not.toMatch(/you have (a |an )?(disorder|depression|addiction)|diagnos/i);
    }
  });
});

describe('selfCheckAnswersSchema', () => {
  it('accepts a complete answer set', () => {
    expect(selfCheckAnswersSchema.parse(calm)).toEqual(calm);
  });

  it.each(['safetySelf', 'withdrawal', 'attend'] as const)('names a missing %s', (field) => {
    const { [field]: _omitted, ...rest } = calm;
    const result = selfCheckAnswersSchema.safeParse(rest);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([field]);
  });

  it('refuses an answer a question does not offer', () => {
    expect(selfCheckAnswersSchema.safeParse(with_({ home: 'mansion' as never })).success).toBe(false);
  });

  it('offers on the page exactly the answers the schema takes', () => {
    const shape = selfCheckAnswersSchema.shape;
    expect(SELF_CHECK_QUESTIONS.map((q) => q.id).sort()).toEqual(Object.keys(shape).sort());
    for (const q of SELF_CHECK_QUESTIONS) {
      expect(q.options.map((o) => o.value).sort()).toEqual([...shape[q.id].options].sort());
    }
  });
});

describe('CRISIS_RESOURCES', () => {
  it('leads with the 988 Suicide & Crisis Lifeline, as a number a phone can call', () => {
    expect(CRISIS_RESOURCES[0]).toMatchObject({ name: '988 Suicide & Crisis Lifeline', href: 'tel:988' });
  });
});
