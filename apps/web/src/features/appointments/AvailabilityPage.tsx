import { useEffect, useState } from 'react';
import {
  ActionIcon,
  Button,
  Group,
  Loader,
  NativeSelect,
  NumberInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import {
  CLINICIAN_EXCEPTION_KIND_LABELS,
  PROGRAM_SCOPED_ROLES,
  clinicianAvailabilityUpdateSchema,
  type ClinicianAvailability,
} from '@trellis/core';
import { useParams } from 'react-router-dom';
import { useMe } from '../../app/auth-context.tsx';
import type { FieldProblem } from '../../app/api-client.ts';
import { coreRequestForm } from '../../app/core-form.ts';
import { applyFieldErrors } from '../../app/form-errors.ts';
import { can } from '../../app/permissions.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { useAddLeave, useAvailability, useRemoveLeave, useSaveAvailability, useSites } from './api.ts';
import { TimeOffForm } from './TimeOffForm.tsx';
import { TimeOffList } from './TimeOffList.tsx';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

interface RuleValues {
  siteId: string;
  weekday: string;
  startTime: string;
  endTime: string;
}
interface HoursValues {
  rules: RuleValues[];
  maxSessionsPerDay: number | string;
}

/** The request the hours form sends; the server merges overlapping rules, so the saved list may be shorter. */
export function hoursRequest(v: HoursValues, version: number | null) {
  return {
    rules: v.rules.map((r) => ({
      siteId: r.siteId,
      weekday: Number(r.weekday),
      startTime: r.startTime,
      endTime: r.endTime,
    })),
    maxSessionsPerDay: v.maxSessionsPerDay === '' ? null : Number(v.maxSessionsPerDay),
    version,
  };
}

function valuesOf(a: ClinicianAvailability): HoursValues {
  return {
    rules: a.rules.map((r) => ({
      siteId: r.siteId,
      weekday: String(r.weekday),
      startTime: r.startTime,
      endTime: r.endTime,
    })),
    maxSessionsPerDay: a.maxSessionsPerDay ?? '',
  };
}

function HoursForm({ staffId, availability }: { staffId: string; availability: ClinicianAvailability }) {
  const sites = useSites();
  const save = useSaveAvailability(staffId);
  const [extra, setExtra] = useState<FieldProblem[]>([]);
  const request = coreRequestForm(clinicianAvailabilityUpdateSchema, (v: HoursValues) =>
    hoursRequest(v, availability.version),
  );
  const form = useForm<HoursValues>({
    mode: 'controlled',
    initialValues: valuesOf(availability),
    validate: request.validate,
  });
  // After a save the server's merged rules replace what was typed.
  useEffect(() => {
    form.setValues(valuesOf(availability));
    form.resetDirty();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the stored version changes
  }, [availability.version]);
  const siteOptions = (sites.data ?? []).map((s) => ({ value: s.id, label: s.name }));

  const submit = async (v: HoursValues) => {
    setExtra([]);
    try {
      const saved = await save.mutateAsync(request.request(v));
      notifications.show({
        color: 'teal',
        title: 'Working hours saved',
        message: `${saved.rules.length} weekly ${saved.rules.length === 1 ? 'stretch' : 'stretches'} (overlaps merged)`,
      });
    } catch (error) {
      setExtra(applyFieldErrors(form, error, ['rules', 'maxSessionsPerDay']));
    }
  };

  return (
    <form onSubmit={form.onSubmit((v) => void submit(v))} noValidate>
      <Stack gap="sm">
        <ProblemAlert error={save.error} extra={extra} title="Could not save the working hours" />
        {form.getValues().rules.length === 0 && (
          <Text c="dimmed">No working hours yet: no appointment can be booked with this person.</Text>
        )}
        {form.getValues().rules.map((_, i) => (
          <Group key={i} align="flex-end" wrap="nowrap">
            <NativeSelect
              label="Site"
              data={[{ value: '', label: 'Choose…' }, ...siteOptions]}
              {...form.getInputProps(`rules.${i}.siteId`)}
            />
            <NativeSelect
              label="Day"
              data={WEEKDAYS.map((d, j) => ({ value: String(j + 1), label: d }))}
              {...form.getInputProps(`rules.${i}.weekday`)}
            />
            <TextInput label="From" placeholder="09:00" w={90} {...form.getInputProps(`rules.${i}.startTime`)} />
            <TextInput label="To" placeholder="17:00" w={90} {...form.getInputProps(`rules.${i}.endTime`)} />
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={`Remove ${WEEKDAYS[Number(form.getValues().rules[i]?.weekday) - 1] ?? ''} hours`}
              onClick={() => form.removeListItem('rules', i)}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button
            variant="light"
            onClick={() =>
              form.insertListItem('rules', {
                siteId: siteOptions[0]?.value ?? '',
                weekday: '1',
                startTime: '09:00',
                endTime: '17:00',
              })
            }
          >
            Add hours
          </Button>
        </Group>
        <NumberInput
          label="Most sessions a day"
          description="Appointments and groups together; empty for no limit"
          min={1}
          max={24}
          w={220}
          {...form.getInputProps('maxSessionsPerDay')}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            Save hours
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Leave and training: listed, added in the zone of the clinician's first site, removed after a confirmation. */
function LeaveSection({
  staffId,
  availability,
  canEdit,
}: {
  staffId: string;
  availability: ClinicianAvailability;
  canEdit: boolean;
}) {
  const sites = useSites();
  const add = useAddLeave(staffId);
  const remove = useRemoveLeave(staffId);
  const siteId = availability.rules[0]?.siteId;
  const site = (sites.data ?? []).find((x) => x.id === siteId) ?? sites.data?.[0];
  const timeZone = site?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <section aria-label="Leave and training">
      <Title order={3} mb="sm">
        Leave and training
      </Title>
      <Stack gap="sm">
        <TimeOffList
          rows={availability.exceptions.map((e) => ({ ...e, label: CLINICIAN_EXCEPTION_KIND_LABELS[e.kind] }))}
          emptyText="None recorded."
          canRemove={canEdit}
          removing={remove.isPending}
          removeError={remove.error}
          onRemove={(id) => remove.mutateAsync(id)}
        />
        {canEdit && (
          <>
            <Text size="sm" c="dimmed">
              Times at {site?.name ?? 'the site'} ({timeZone}).
            </Text>
            <TimeOffForm
              timeZone={timeZone}
              withKind
              submitLabel="Add leave or training"
              pending={add.isPending}
              onSubmit={async (request) => {
                await add.mutateAsync(request as Parameters<typeof add.mutateAsync>[0]);
                notifications.show({
                  color: 'teal',
                  title: 'Recorded',
                  message: 'No appointment will be booked with them then.',
                });
              }}
            />
          </>
        )}
      </Stack>
    </section>
  );
}

/** A clinician's weekly working hours per site, daily limit and leave: one's own, or anyone's for a director. */
export function AvailabilityPage() {
  const me = useMe();
  const { staffId = me.id } = useParams();
  const availability = useAvailability(staffId);
  // Clinicians and prescribers keep only their own; directors and administrators anyone's (as the server rules).
  const canEdit = can(me, 'availability.write') && (staffId === me.id || !PROGRAM_SCOPED_ROLES.includes(me.role));
  return (
    <Stack gap="lg">
      <Title order={2}>{availability.data ? `Working hours — ${availability.data.staffName}` : 'Working hours'}</Title>
      {availability.isPending ? (
        <Loader aria-label="Loading working hours" />
      ) : availability.isError ? (
        <ProblemAlert
          error={availability.error}
          title="Could not load the working hours"
          onRetry={() => void availability.refetch()}
        />
      ) : (
        <>
          <HoursForm staffId={staffId} availability={availability.data} />
          <LeaveSection staffId={staffId} availability={availability.data} canEdit={canEdit} />
        </>
      )}
    </Stack>
  );
}
