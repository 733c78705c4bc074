import { useState } from 'react';
import { Select, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { participantPageSchema } from '@trellis/core';
import { checkedApi } from '../../app/api-client.ts';
import { formatDate } from '../../app/format.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface ParticipantFilterProps {
  value: string | null;
  onChange: (participantId: string | null) => void;
  /** Without participant.read (administrators) a participant is named by id, since their names are not theirs to browse. */
  canSearch: boolean;
  /** The chosen participant's name when known (from the events shown), so the field says who is filtered on. */
  selectedName?: string | null;
}

/** Choose a participant by name (searching as you type), or paste an id. */
export function ParticipantFilter({ value, onChange, canSearch, selectedName }: ParticipantFilterProps) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 300);
  const [idText, setIdText] = useState(value ?? '');
  const [chosen, setChosen] = useState<{ value: string; label: string } | null>(null);
  // The field shows the chosen participant's name as its text; that text is not a new search.
  const shownLabel = value ? (chosen?.value === value ? chosen.label : (selectedName ?? 'Chosen participant')) : null;
  const results = useQuery({
    queryKey: ['participants', 'picker', q],
    queryFn: ({ signal }) => checkedApi.get(participantPageSchema, '/api/v1/participants', { q, status: 'all', limit: 20 }, signal),
    enabled: canSearch && q.trim().length >= 2 && q !== shownLabel,
  });

  if (!canSearch) {
    const invalid = idText.trim() !== '' && !UUID.test(idText.trim());
    return (
      <TextInput
        label="Participant ID"
        placeholder="Paste a participant's id"
        value={idText}
        onChange={(e) => {
          const text = e.currentTarget.value;
          setIdText(text);
          onChange(UUID.test(text.trim()) ? text.trim() : null);
        }}
        error={invalid ? 'A participant id looks like 3f2b…-…; copy it from an event below' : undefined}
        w={{ base: '100%', xs: 320 }}
      />
    );
  }

  const options = (results.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.displayName} (born ${formatDate(p.dateOfBirth)})` }));
  if (chosen && !options.some((o) => o.value === chosen.value)) options.unshift(chosen);
  // Arriving from a link (or after the field is rebuilt) the id has no option yet: label it with the name from the events.
  if (value && shownLabel && !options.some((o) => o.value === value)) options.unshift({ value, label: shownLabel });

  return (
    <Select
      label="Participant"
      placeholder="Type a name"
      searchable
      clearable
      filter={({ options: all }) => all}
      data={options}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(id, option) => {
        setChosen(id ? option : null);
        onChange(id);
      }}
      nothingFoundMessage={q.trim().length < 2 ? 'Type at least two letters' : results.isFetching ? 'Searching…' : 'Nobody by that name'}
      w={{ base: '100%', xs: 300 }}
    />
  );
}
