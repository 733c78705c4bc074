import { useState } from 'react';
import { Alert, Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconLock } from '@tabler/icons-react';
import {
  DEFAULT_PER_DIEM_MIN_HOURS,
  FOCI,
  FOCUS_LABELS,
  LEVEL_OF_CARE_LABELS,
  LEVELS_OF_CARE,
  POPULATIONS,
  createProgramSchema,
  defaultWeeklyHours,
  isPart2Focus,
  updateProgramSchema,
  type Focus,
  type LevelOfCare,
  type Population,
} from '@trellis/core';
import type { Program, Site } from '../../api/types.ts';
import type { FieldProblem } from '../../app/api-client.ts';
import { applyFieldErrors } from '../../app/form-errors.ts';
import { coreRequestForm } from '../../app/core-form.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { useSaveProgram } from './api.ts';

const POPULATION_LABELS: Record<Population, string> = { adult: 'Adults', adolescent: 'Adolescents' };

interface ProgramValues {
  siteId: string | null;
  name: string;
  levelOfCare: LevelOfCare;
  population: Population;
  focus: Focus;
  minWeeklyHours: number | string;
  maxWeeklyHours: number | string;
  perDiemMinHours: number | string;
  active: boolean;
}

const FIELDS = ['siteId', 'name', 'levelOfCare', 'population', 'focus', 'minWeeklyHours', 'maxWeeklyHours', 'perDiemMinHours', 'active'];

const hoursOf = (v: number | string) => (v === '' ? null : v);
const programRequestOf = (v: ProgramValues) => ({
  siteId: v.siteId ?? '',
  name: v.name,
  levelOfCare: v.levelOfCare,
  population: v.population,
  focus: v.focus,
  minWeeklyHours: hoursOf(v.minWeeklyHours),
  maxWeeklyHours: hoursOf(v.maxWeeklyHours),
  perDiemMinHours: hoursOf(v.perDiemMinHours),
});
const WHEN_EMPTY = {
  siteId: 'Choose the site',
  name: 'Enter the program’s name',
  minWeeklyHours: 'Enter the minimum weekly hours',
  perDiemMinHours: 'Enter the per-diem minimum',
};
/** Every program is held to a new program's rules; an edit sends them with the version it was read at. */
const newProgramForm = coreRequestForm(createProgramSchema, programRequestOf, { whenEmpty: WHEN_EMPTY });
const programEditForm = (program: Program) =>
  coreRequestForm(updateProgramSchema, (v: ProgramValues) => ({ version: program.version, ...programRequestOf(v), active: v.active }));

/**
 * Add or edit a program. Weekly hours start from the level of care's defaults (domain.md §1.2) and are refilled when
 * the level or population changes; a substance use or co-occurring focus makes its records Part 2.
 */
export function ProgramModal({ program, sites, onClose }: { program: Program | null; sites: Site[]; onClose: () => void }) {
  const save = useSaveProgram();
  const [extra, setExtra] = useState<FieldProblem[]>([]);
  const initialDefaults = defaultWeeklyHours('iop', 'adult');
  const form = useForm<ProgramValues>({
    initialValues: program
      ? {
          siteId: program.siteId,
          name: program.name,
          levelOfCare: program.levelOfCare,
          population: program.population,
          focus: program.focus,
          minWeeklyHours: program.minWeeklyHours,
          maxWeeklyHours: program.maxWeeklyHours ?? '',
          perDiemMinHours: program.perDiemMinHours,
          active: program.active,
        }
      : {
          siteId: sites[0]?.id ?? null,
          name: '',
          levelOfCare: 'iop',
          population: 'adult',
          focus: 'mental_health',
          minWeeklyHours: initialDefaults.minHours,
          maxWeeklyHours: initialDefaults.maxHours ?? '',
          perDiemMinHours: DEFAULT_PER_DIEM_MIN_HOURS,
          active: true,
        },
    validate: newProgramForm.validate,
  });
  const values = form.getValues();

  const refillHours = (level: LevelOfCare, population: Population) => {
    const d = defaultWeeklyHours(level, population);
    form.setFieldValue('minWeeklyHours', d.minHours);
    form.setFieldValue('maxWeeklyHours', d.maxHours ?? '');
  };

  const submit = form.onSubmit(async (v) => {
    setExtra([]);
    try {
      const saved = await save.mutateAsync(program ? { id: program.id, body: programEditForm(program).request(v) } : { body: newProgramForm.request(v) });
      notifications.show({ color: 'teal', title: program ? 'Program saved' : 'Program added', message: saved.name });
      onClose();
    } catch (error) {
      setExtra(applyFieldErrors(form, error, FIELDS));
    }
  });

  return (
    <Modal opened onClose={onClose} title={program ? `Edit ${program.name}` : 'Add a program'} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ProblemAlert error={save.error} extra={extra} title="Could not save the program" />
          <TextInput label="Name" required placeholder="e.g. Adult Substance Use IOP" {...form.getInputProps('name')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select label="Site" required data={sites.map((s) => ({ value: s.id, label: s.name }))} disabled={!!program} {...form.getInputProps('siteId')} />
            <Select
              label="Level of care"
              required
              allowDeselect={false}
              data={LEVELS_OF_CARE.map((l) => ({ value: l, label: LEVEL_OF_CARE_LABELS[l] }))}
              {...form.getInputProps('levelOfCare')}
              onChange={(v) => {
                if (!v) return;
                form.setFieldValue('levelOfCare', v as LevelOfCare);
                refillHours(v as LevelOfCare, values.population);
              }}
            />
            <Select
              label="Population"
              required
              allowDeselect={false}
              data={POPULATIONS.map((p) => ({ value: p, label: POPULATION_LABELS[p] }))}
              {...form.getInputProps('population')}
              onChange={(v) => {
                if (!v) return;
                form.setFieldValue('population', v as Population);
                refillHours(values.levelOfCare, v as Population);
              }}
            />
            <Select
              label="Focus"
              required
              allowDeselect={false}
              data={FOCI.map((f) => ({ value: f, label: isPart2Focus(f) ? `${FOCUS_LABELS[f]} (Part 2)` : FOCUS_LABELS[f] }))}
              description="Substance use and co-occurring programs keep their records under 42 CFR Part 2."
              {...form.getInputProps('focus')}
            />
          </SimpleGrid>
          {isPart2Focus(values.focus) && (
            <Alert color="grape" variant="light" icon={<IconLock size={18} aria-hidden />} title="Part 2 records">
              Records of participants in this program are protected by 42 CFR Part 2. Their episode, attendance and weekly hours are shown
              only to staff assigned to this program. Once the program has episodes, its Part 2 status cannot change.
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <NumberInput
              label="Weekly hours, minimum"
              required
              min={0}
              max={100}
              step={0.25}
              decimalScale={2}
              description="From the level of care"
              {...form.getInputProps('minWeeklyHours')}
            />
            <NumberInput
              label="Weekly hours, maximum"
              min={0}
              max={100}
              step={0.25}
              decimalScale={2}
              description="Blank for no maximum"
              {...form.getInputProps('maxWeeklyHours')}
            />
            <NumberInput
              label="Per-diem day, hours"
              required
              min={0}
              max={24}
              step={0.25}
              decimalScale={2}
              description="Attended for a day to count"
              {...form.getInputProps('perDiemMinHours')}
            />
          </SimpleGrid>
          {program && <Switch label="Program is running" description="Programs that are not running take no new admissions" {...form.getInputProps('active', { type: 'checkbox' })} />}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {program ? 'Save program' : 'Add program'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
