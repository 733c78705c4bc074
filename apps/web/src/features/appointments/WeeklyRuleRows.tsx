import { ActionIcon, Group, NativeSelect, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconTrash } from '@tabler/icons-react';
import { UNAVAILABILITY_REASON_LABELS, UNAVAILABILITY_REASONS } from '@trellis/core';

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** One weekly stretch as typed: the weekday is the select's string ('1' is Monday). */
export interface WeeklyRuleValues {
  reason: string;
  weekday: string;
  startTime: string;
  endTime: string;
}

export interface WeeklyRulesValues {
  rules: WeeklyRuleValues[];
}

/** A new row: a working day, Monday 9 to 5. */
export const newWeeklyRule = (): WeeklyRuleValues => ({ reason: 'work', weekday: '1', startTime: '09:00', endTime: '17:00' });

/** The request the weekly form sends; the server merges overlapping rules of a reason, so the saved list may be shorter. */
export function unavailabilityRequest(v: WeeklyRulesValues, version: number | null) {
  return {
    rules: v.rules.map((r) => ({
      reason: r.reason,
      weekday: Number(r.weekday),
      startTime: r.startTime,
      endTime: r.endTime,
    })),
    version,
  };
}

const reasonLabel = (reason: string) => UNAVAILABILITY_REASON_LABELS[reason as keyof typeof UNAVAILABILITY_REASON_LABELS] ?? reason;

/** A rule, saved or as typed, in words: 'Work, Monday 09:00–17:00'. */
export function weeklyRuleText(r: Pick<WeeklyRuleValues, 'reason' | 'startTime' | 'endTime'> & { weekday: string | number }): string {
  return `${reasonLabel(r.reason)}, ${WEEKDAYS[Number(r.weekday) - 1] ?? ''} ${r.startTime}–${r.endTime}`;
}

/** The rows of a participant's weekly unavailability (reason, day, from, to), shared by intake and their record. */
export function WeeklyRuleRows({ form, canEdit }: { form: UseFormReturnType<WeeklyRulesValues>; canEdit: boolean }) {
  return form.getValues().rules.map((r, i) => (
    <Group key={i} align="flex-end" wrap="nowrap">
      <NativeSelect
        label="Because of"
        disabled={!canEdit}
        data={UNAVAILABILITY_REASONS.map((x) => ({ value: x, label: UNAVAILABILITY_REASON_LABELS[x] }))}
        {...form.getInputProps(`rules.${i}.reason`)}
      />
      <NativeSelect
        label="Day"
        disabled={!canEdit}
        data={WEEKDAYS.map((d, j) => ({ value: String(j + 1), label: d }))}
        {...form.getInputProps(`rules.${i}.weekday`)}
      />
      <TextInput label="From" placeholder="09:00" w={90} disabled={!canEdit} {...form.getInputProps(`rules.${i}.startTime`)} />
      <TextInput label="To" placeholder="17:00" w={90} disabled={!canEdit} {...form.getInputProps(`rules.${i}.endTime`)} />
      {canEdit && (
        <ActionIcon
          variant="subtle"
          color="red"
          aria-label={`Remove ${WEEKDAYS[Number(r.weekday) - 1] ?? ''} ${reasonLabel(r.reason)}`}
          onClick={() => form.removeListItem('rules', i)}
        >
          <IconTrash size={16} aria-hidden />
        </ActionIcon>
      )}
    </Group>
  ));
}
