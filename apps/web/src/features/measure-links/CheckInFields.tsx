import { NumberInput, Radio, Group, Slider, Stack, Text, TextInput, Textarea } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { CheckInDraft } from './check-in-form.ts';

function Rating({ form, field, label, low, high }: { form: UseFormReturnType<CheckInDraft>; field: 'mood' | 'anxiety' | 'craving'; label: string; low: string; high: string }) {
  const props = form.getInputProps(field);
  const id = `check-in-${field}`;
  return (
    <div>
      <Text fw={500} size="sm" id={`${id}-label`}>
        {label}: {String(form.values[field])}
      </Text>
      <Slider
        min={0}
        max={10}
        step={1}
        marks={[{ value: 0 }, { value: 10 }]}
        thumbLabel={label}
        value={Number(form.values[field])}
        onChange={(v) => form.setFieldValue(field, v)}
      />
      {/* The ends' words sit inside the slider's width: as mark labels they were centred on the ends and ran past a
          phone's screen, widening the page so that, zoomed to fit, the note's label lay over the submit button. */}
      <Group justify="space-between" mt={4} mb="xs" aria-hidden>
        <Text size="xs" c="dimmed">
          {low}
        </Text>
        <Text size="xs" c="dimmed">
          {high}
        </Text>
      </Group>
      {props.error ? (
        <Text c="red" size="sm">
          {String(props.error)}
        </Text>
      ) : null}
    </div>
  );
}

/** The check-in's fields, the same for staff and for a participant on their phone (large targets, one column). */
export function CheckInFields({ form, who }: { form: UseFormReturnType<CheckInDraft>; who: 'participant' | 'staff' }) {
  const you = who === 'participant';
  return (
    <Stack gap="lg">
      <Rating form={form} field="mood" label={you ? 'Your mood today' : 'Mood'} low="0 worst" high="10 best" />
      <Rating form={form} field="anxiety" label={you ? 'Your anxiety' : 'Anxiety'} low="0 none" high="10 worst" />
      <Rating form={form} field="craving" label={you ? 'Cravings' : 'Craving'} low="0 none" high="10 strongest" />
      <NumberInput
        label={you ? 'Hours you slept last night' : 'Hours slept'}
        min={0}
        max={24}
        step={0.25}
        decimalScale={2}
        withAsterisk
        {...form.getInputProps('sleepHours')}
      />
      <Radio.Group label={you ? 'Any alcohol or drug use since your last check-in?' : 'Any use since the last check-in?'} withAsterisk {...form.getInputProps('anyUse')}>
        <Group mt="xs">
          <Radio value="no" label="No" />
          <Radio value="yes" label="Yes" />
        </Group>
      </Radio.Group>
      {form.values.anyUse === 'yes' && <TextInput label="What was used" withAsterisk {...form.getInputProps('substancesUsed')} />}
      <Radio.Group
        label={you ? 'Have you had thoughts of death or of hurting yourself?' : 'Thoughts of death or self-harm?'}
        withAsterisk
        {...form.getInputProps('selfHarmThoughts')}
      >
        <Group mt="xs">
          <Radio value="no" label="No" />
          <Radio value="yes" label="Yes" />
        </Group>
      </Radio.Group>
      <Textarea label={you ? 'Anything else you want your care team to know' : 'Note'} autosize minRows={2} maxLength={2000} {...form.getInputProps('note')} />
    </Stack>
  );
}
