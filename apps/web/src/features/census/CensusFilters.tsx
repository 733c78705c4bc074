import { Button, Group, Select } from '@mantine/core';
import { IconFilterOff } from '@tabler/icons-react';
import { useAuth } from '../../app/auth-context.tsx';
import { can } from '../../app/permissions.ts';
import { usePrograms, useStaff, useTracks } from '../setup/api.ts';
import type { CensusFilters as Filters } from './api.ts';

interface CensusFiltersProps {
  filters: Filters;
  onChange: (next: Partial<Filters>) => void;
}

const CLINICAL_ROLES = new Set(['clinician', 'director', 'prescriber']);

/** Program, track and primary clinician filters; choosing a program narrows the tracks. */
export function CensusFilters({ filters, onChange }: CensusFiltersProps) {
  const { me } = useAuth();
  const programs = usePrograms();
  const tracks = useTracks(filters.programId, { enabled: !!filters.programId });
  const staff = useStaff({ enabled: can(me, 'staff.read') });
  const clinicians = (staff.data ?? []).filter((s) => CLINICAL_ROLES.has(s.role));
  const filtered = !!(filters.programId || filters.trackId || filters.clinicianId);

  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <Select
        label="Program"
        placeholder={programs.isPending ? 'Loading…' : 'All programs'}
        data={(programs.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
        value={filters.programId ?? null}
        onChange={(programId) => onChange({ programId, trackId: null })}
        clearable
        searchable
        w={{ base: '100%', xs: 240 }}
      />
      <Select
        label="Track"
        placeholder="All tracks"
        description={filters.programId ? undefined : 'Choose a program first'}
        data={(tracks.data ?? []).map((t) => ({ value: t.id, label: t.name }))}
        value={filters.trackId ?? null}
        onChange={(trackId) => onChange({ trackId })}
        disabled={!filters.programId}
        clearable
        w={{ base: '100%', xs: 200 }}
      />
      {can(me, 'staff.read') && (
        <Select
          label="Primary clinician"
          placeholder="Anyone"
          data={[
            ...(me && CLINICAL_ROLES.has(me.role) ? [{ value: me.id, label: `Me (${me.name})` }] : []),
            ...clinicians.filter((c) => c.id !== me?.id).map((c) => ({ value: c.id, label: c.name })),
          ]}
          value={filters.clinicianId ?? null}
          onChange={(clinicianId) => onChange({ clinicianId })}
          clearable
          searchable
          w={{ base: '100%', xs: 220 }}
        />
      )}
      {filtered && (
        <Button
          variant="subtle"
          leftSection={<IconFilterOff size={16} aria-hidden />}
          onClick={() => onChange({ programId: null, trackId: null, clinicianId: null })}
        >
          Clear filters
        </Button>
      )}
    </Group>
  );
}
