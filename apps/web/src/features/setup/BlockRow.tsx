import { ActionIcon, Group, NumberInput, Paper, Select, SimpleGrid, Text, TextInput, Tooltip } from '@mantine/core';
import { TimePicker } from '@mantine/dates';
import type { UseFormReturnType } from '@mantine/form';
import { IconCopy, IconTrash } from '@tabler/icons-react';
import { BLOCK_BREAK_MAX_MINUTES, GROUP_CAPACITY_HARD_STOP, SESSION_KIND_LABELS, SESSION_KINDS } from '@trellis/core';
import { formatMinutesAsHours } from '../../app/format.ts';
import { CoFacilitatorsPicker } from '../schedule/CoFacilitatorsPicker.tsx';
import { WEEKDAYS, minutesOfBlock, type TrackValues } from './track-form.ts';

interface BlockRowProps {
  form: UseFormReturnType<TrackValues>;
  index: number;
  staffOptions: { value: string; label: string }[];
  roomOptions: { value: string; label: string }[];
  readOnly: boolean;
  /** The facilitator already runs another group at this time (a warning: saving is still allowed). */
  facilitatorWarning?: string | undefined;
  onDuplicate: () => void;
  onRemove: () => void;
}

/** One block of the weekly template: a day, a time, what happens, who leads it, where, and how many fit. */
export function BlockRow({ form, index, staffOptions, roomOptions, readOnly, facilitatorWarning, onDuplicate, onRemove }: BlockRowProps) {
  const block = form.getValues().blocks[index];
  const day = WEEKDAYS.find((d) => d.value === block?.weekday)?.label ?? 'Block';
  const label = `${day} ${block?.startTime ?? ''}`.trim();
  const minutes = block ? minutesOfBlock(block) : 0;
  const breakMinutes = typeof block?.breakMinutes === 'number' ? block.breakMinutes : 0;
  const path = (field: string) => `blocks.${index}.${field}`;
  // A refusal names one entry ('blocks.0.coFacilitatorIds.1'); it shows under the one picker.
  const coFacilitatorsError = Object.entries(form.errors).find(([key]) => key === path('coFacilitatorIds') || key.startsWith(`${path('coFacilitatorIds')}.`))?.[1];

  return (
    <Paper withBorder radius="md" p="sm" role="group" aria-label={`Block ${index + 1}: ${label}`}>
      <Group justify="space-between" mb={6}>
        <Text size="sm" fw={600}>
          Block {index + 1}
          {minutes > 0 && (
            <Text span c="dimmed" size="sm" fw={400}>
              {' '}
              · {formatMinutesAsHours(minutes)}
              {breakMinutes > 0 && breakMinutes < minutes && ` (${formatMinutesAsHours(minutes - breakMinutes)} counted; ${breakMinutes} min break unbilled)`}
            </Text>
          )}
        </Text>
        {!readOnly && (
          <Group gap={4}>
            <Tooltip label="Duplicate to the next day">
              <ActionIcon variant="subtle" color="gray" onClick={onDuplicate} aria-label={`Duplicate block ${index + 1}`}>
                <IconCopy size={16} aria-hidden />
              </ActionIcon>
            </Tooltip>
            <Tooltip label="Remove block">
              <ActionIcon variant="subtle" color="red" onClick={onRemove} aria-label={`Remove block ${index + 1}`}>
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            </Tooltip>
          </Group>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 2, sm: 4 }} spacing="xs" verticalSpacing="xs">
        <Select label="Weekday" required data={WEEKDAYS} allowDeselect={false} disabled={readOnly} {...form.getInputProps(path('weekday'))} />
        <TimePicker label="Starts" required disabled={readOnly} {...form.getInputProps(path('startTime'))} />
        <TimePicker label="Ends" required disabled={readOnly} {...form.getInputProps(path('endTime'))} />
        <NumberInput
          label={`Capacity (max ${GROUP_CAPACITY_HARD_STOP})`}
          required
          min={1}
          max={GROUP_CAPACITY_HARD_STOP}
          allowDecimal={false}
          disabled={readOnly}
          {...form.getInputProps(path('capacity'))}
        />
        <TextInput label="Title" required placeholder="e.g. Process group" disabled={readOnly} {...form.getInputProps(path('title'))} />
        <Select
          label="Kind"
          required
          allowDeselect={false}
          data={SESSION_KINDS.map((k) => ({ value: k, label: SESSION_KIND_LABELS[k] }))}
          disabled={readOnly}
          {...form.getInputProps(path('kind'))}
        />
        <Select
          label="Facilitator"
          placeholder="Not assigned"
          clearable
          searchable
          data={staffOptions}
          disabled={readOnly}
          {...form.getInputProps(path('facilitatorId'))}
          description={facilitatorWarning && <Text span size="xs" c="orange.9" fw={600}>Booked elsewhere: {facilitatorWarning}</Text>}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
        />
        <CoFacilitatorsPicker
          options={staffOptions.filter((o) => o.value !== block?.facilitatorId)}
          disabled={readOnly}
          {...form.getInputProps(path('coFacilitatorIds'))}
          value={block?.coFacilitatorIds ?? []}
          error={coFacilitatorsError}
        />
        <Select label="Room" placeholder="No room" clearable data={roomOptions} disabled={readOnly} {...form.getInputProps(path('roomId'))} />
        <NumberInput
          label="Unbilled break (min)"
          description="Not counted toward weekly hours"
          min={0}
          max={BLOCK_BREAK_MAX_MINUTES}
          step={5}
          allowDecimal={false}
          allowNegative={false}
          disabled={readOnly}
          {...form.getInputProps(path('breakMinutes'))}
        />
      </SimpleGrid>
    </Paper>
  );
}
