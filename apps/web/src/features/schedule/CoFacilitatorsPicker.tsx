import { MultiSelect, type MultiSelectProps } from '@mantine/core';
import { CO_FACILITATORS_MAX } from '@trellis/core';

/** A refusal naming one co-facilitator ('coFacilitatorIds.1') shows under the one picker. */
export const CO_FACILITATOR_ALIASES = Object.fromEntries(
  Array.from({ length: CO_FACILITATORS_MAX }, (_, i) => [`coFacilitatorIds.${i}`, 'coFacilitatorIds']),
);

/** Picks up to CO_FACILITATORS_MAX co-facilitators among `options` (the lead facilitator left out by the caller). */
export function CoFacilitatorsPicker({ value, options, ...input }: Omit<MultiSelectProps, 'data'> & { value: string[]; options: { value: string; label: string }[] }) {
  return (
    <MultiSelect
      label="Co-facilitators"
      description={`Up to ${CO_FACILITATORS_MAX}; the session holds each one's calendar too`}
      placeholder={value.length === 0 ? 'None' : undefined}
      searchable
      clearable
      maxValues={CO_FACILITATORS_MAX}
      data={options}
      value={value}
      {...input}
    />
  );
}
