/**
 * Administering measures (issue 7): what a one-time link may ask, what a participant's phone is shown of an
 * instrument, a program's schedule as staff edit it, and what is due in a program week. Pure: callers supply dates.
 */
import { z } from 'zod';
import { addDays, Temporal } from '../time.ts';
import { INSTRUMENT_IDS, type Instrument, type InstrumentId } from './instrument.ts';
import { dueInstruments, type DueInstrument, type MeasurementSchedule, type ScheduleEpisode } from './schedule.ts';

/** Who recorded a measure or check-in: staff in session, the participant through a one-time link, or in the portal. */
export const MEASURE_SOURCES = ['staff', 'link', 'portal'] as const;
export type MeasureSource = (typeof MEASURE_SOURCES)[number];
/** How a participant answered on their own: through a one-time link, or signed in to the portal. */
export type ParticipantAnswerSource = Exclude<MeasureSource, 'staff'>;

/** What a one-time link asks: one instrument, or a daily check-in. */
export const MEASURE_LINK_KINDS = [...INSTRUMENT_IDS, 'check-in'] as const;
export type MeasureLinkKind = (typeof MEASURE_LINK_KINDS)[number];

/**
 * Random bytes in a link's token: 32 bytes = 256 bits, far past the 128 bits that make guessing hopeless even
 * without the rate limit. Encoded base64url: 43 characters.
 */
export const MEASURE_LINK_TOKEN_BYTES = 32;
/** The shape of a link token in a URL (base64url of MEASURE_LINK_TOKEN_BYTES bytes). */
export const MEASURE_LINK_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** An instrument as a participant's phone shows it: the wording and choices only, never points, codes or licence text. */
export interface PublicQuestionnaire {
  id: InstrumentId;
  shortName: string;
  title: string;
  recall: string;
  items: {
    id: string;
    number: string;
    text: string;
    options: { value: number; label: string }[];
    enableWhen: { item: string; values: number[] } | null;
  }[];
}

/** The part of an instrument a participant answering through a link sees. */
export function publicQuestionnaire(instrument: Instrument): PublicQuestionnaire {
  return {
    id: instrument.id,
    shortName: instrument.shortName,
    title: instrument.title,
    recall: instrument.recall,
    items: instrument.items.map((item) => ({
      id: item.id,
      number: item.number,
      text: item.text,
      options: item.options.map((o) => ({ value: o.value, label: o.label })),
      enableWhen: item.enableWhen ? { item: item.enableWhen.item, values: [...item.enableWhen.values] } : null,
    })),
  };
}

/** Whether an item is asked given the answers so far (the instrument's skip logic), for a form that hides the rest. */
export function isItemAsked(item: PublicQuestionnaire['items'][number], answers: Readonly<Record<string, unknown>>): boolean {
  if (!item.enableWhen) return true;
  const gate = answers[item.enableWhen.item];
  return typeof gate === 'number' && item.enableWhen.values.includes(gate);
}

/** The longest repeat interval a schedule may set: a year (our choice; an IOP episode is weeks long). */
export const MAX_SCHEDULE_INTERVAL_DAYS = 365;

const scheduleRuleSchema = z
  .object({
    instrument: z.enum(INSTRUMENT_IDS, { error: `must be one of ${INSTRUMENT_IDS.join(', ')}` }),
    atAdmission: z.boolean(),
    everyDays: z
      .number()
      .int('must be a whole number of days')
      .min(1, 'must be at least 1 day')
      .max(MAX_SCHEDULE_INTERVAL_DAYS, `must be at most ${MAX_SCHEDULE_INTERVAL_DAYS} days`)
      .nullable(),
    atDischarge: z.boolean(),
  })
  .superRefine((rule, ctx) => {
    if (!rule.atAdmission && rule.everyDays === null && !rule.atDischarge)
      ctx.addIssue({ code: 'custom', path: ['atAdmission'], message: 'choose at admission, a repeat interval or at discharge' });
  });

/** A program's schedule as staff save it: each instrument at most once. An empty list means "use the defaults". */
export const measurementScheduleUpdateSchema = z.object({
  rules: z
    .array(scheduleRuleSchema)
    .max(INSTRUMENT_IDS.length)
    .superRefine((rules, ctx) => {
      const seen = new Set<string>();
      rules.forEach((r, i) => {
        if (seen.has(r.instrument)) ctx.addIssue({ code: 'custom', path: [i, 'instrument'], message: 'is listed twice' });
        seen.add(r.instrument);
      });
    }),
});
export type MeasurementScheduleUpdate = z.infer<typeof measurementScheduleUpdateSchema>;

/**
 * The discharge date a schedule works to: the actual one once recorded, else admission plus the expected length in
 * weeks, else none (discharge measures then wait until a date is known).
 */
export function scheduleDischargeOn(episode: { admittedOn: string; dischargedOn: string | null; expectedWeeks: number | null }): string | null {
  if (episode.dischargedOn !== null) return episode.dischargedOn;
  if (episode.expectedWeeks === null) return null;
  return addDays(episode.admittedOn, episode.expectedWeeks * 7);
}

export interface DueThisWeek extends DueInstrument {
  /** Days from its due date to today: positive when overdue, 0 today, negative when it falls due later this week. */
  daysFromToday: number;
}

/**
 * What falls due for an episode by the end of the program week (`weekEndsOn`, the Sunday), so one action can send
 * links for the whole week: everything overdue or due today, and what falls due on a later day of the week.
 * The rules are dueInstruments' as read on the week's last day.
 */
export function dueThisWeek(
  schedule: MeasurementSchedule,
  episode: ScheduleEpisode,
  lastAdministered: Readonly<Partial<Record<InstrumentId, string>>>,
  today: string,
  weekEndsOn: string,
): DueThisWeek[] {
  if (weekEndsOn < today) throw new RangeError('the week must not end before today');
  // A discharge before the week's end still counts from today: read on the earlier of the two days.
  const readOn = episode.dischargeOn !== null && episode.dischargeOn < weekEndsOn ? (episode.dischargeOn < today ? today : episode.dischargeOn) : weekEndsOn;
  return dueInstruments(schedule, episode, lastAdministered, readOn).map((d) => ({
    ...d,
    daysFromToday: Temporal.PlainDate.from(d.dueOn).until(today).days,
  }));
}
