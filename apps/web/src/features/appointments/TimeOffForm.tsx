import { Button, Group, NativeSelect, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import {
  CLINICIAN_EXCEPTION_KIND_LABELS,
  CLINICIAN_EXCEPTION_KINDS,
  clinicianExceptionCreateSchema,
  participantExceptionCreateSchema,
  zonedInstant,
} from '@trellis/core';
import { coreRequestForm } from '../../app/core-form.ts';
import { applyFieldErrors } from '../../app/form-errors.ts';

export interface TimeOffValues {
  kind: string;
  fromDate: string;
  fromTime: string;
  toDate: string;
  toTime: string;
  note: string;
}

/** The instant of a local date and time in `zone`, or '' while either is incomplete (the schema then names it). */
function instantOf(date: string, time: string, zone: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return '';
  try {
    return zonedInstant(date, time, zone);
  } catch {
    return '';
  }
}

/** The request a time-off form sends: local dates and times read in the site's zone. */
export function timeOffRequest(v: TimeOffValues, zone: string, withKind: boolean) {
  return {
    startsAt: instantOf(v.fromDate, v.fromTime, zone),
    endsAt: instantOf(v.toDate, v.toTime, zone),
    note: v.note.trim() === '' ? null : v.note,
    ...(withKind ? { kind: v.kind } : {}),
  };
}

const ALIASES = { startsAt: 'fromDate', endsAt: 'toDate' };

/**
 * Wide enough for a time in the browser's own format with its clock button: '12:00 PM' in an en-US Chromium
 * measured 126 px in this form's font (110 cut the AM/PM off); a 24-hour locale needs less.
 */
export const TIME_INPUT_WIDTH = 140;

interface TimeOffFormProps {
  /** The IANA zone the dates and times are read in. */
  timeZone: string;
  /** Leave, training or other for a clinician; none for a participant's one-off exception. */
  withKind: boolean;
  submitLabel: string;
  pending: boolean;
  onSubmit: (request: { startsAt: string; endsAt: string; note: string | null; kind?: string }) => Promise<unknown>;
}

/** Leave, training or a one-off absence from a date and time to another, checked by core's exception schema. */
export function TimeOffForm({ timeZone, withKind, submitLabel, pending, onSubmit }: TimeOffFormProps) {
  const schema = withKind ? clinicianExceptionCreateSchema : participantExceptionCreateSchema;
  const request = coreRequestForm(schema, (v: TimeOffValues) => timeOffRequest(v, timeZone, withKind), {
    aliases: ALIASES,
    whenEmpty: { fromDate: 'Enter the first day and time', toDate: 'Enter the last day and time' },
  });
  const form = useForm<TimeOffValues>({
    initialValues: { kind: 'leave', fromDate: '', fromTime: '00:00', toDate: '', toTime: '23:59', note: '' },
    validate: request.validate,
  });
  const submit = form.onSubmit(async (v) => {
    try {
      await onSubmit(request.request(v) as { startsAt: string; endsAt: string; note: string | null; kind?: string });
      form.reset();
    } catch (error) {
      applyFieldErrors(form, error, ['fromDate', 'toDate', 'note', 'kind'], ALIASES);
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label={submitLabel}>
      <Group align="flex-start" wrap="wrap" gap="sm">
        {withKind && (
          <NativeSelect
            label="Kind"
            data={CLINICIAN_EXCEPTION_KINDS.map((k) => ({ value: k, label: CLINICIAN_EXCEPTION_KIND_LABELS[k] }))}
            {...form.getInputProps('kind')}
          />
        )}
        <TextInput label="Starts on" type="date" w={150} {...form.getInputProps('fromDate')} />
        <TextInput label="Starts at" type="time" w={TIME_INPUT_WIDTH} {...form.getInputProps('fromTime')} />
        <TextInput label="Ends on" type="date" w={150} {...form.getInputProps('toDate')} />
        <TextInput label="Ends at" type="time" w={TIME_INPUT_WIDTH} {...form.getInputProps('toTime')} />
        <TextInput label="Note" placeholder="Optional" w={200} {...form.getInputProps('note')} />
        <Button type="submit" mt={25} loading={pending}>
          {submitLabel}
        </Button>
      </Group>
    </form>
  );
}
