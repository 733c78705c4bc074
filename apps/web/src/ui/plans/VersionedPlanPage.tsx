import { useState, type ReactNode } from 'react';
import { Alert, Anchor, Button, Group, NativeSelect, Paper, Stack } from '@mantine/core';
import { useForm, type FormErrors, type UseFormReturnType } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { UseMutationResult, UseQueryResult } from '@tanstack/react-query';
import { IconPrinter } from '@tabler/icons-react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../app/api-client.ts';
import { useMe } from '../../app/auth-context.tsx';
import { formatDateTime } from '../../app/format.ts';
import { can } from '../../app/permissions.ts';
import { useParticipant } from '../../features/participants/api.ts';
import { PageHeader } from '../PageHeader.tsx';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { TableSkeleton } from '../TableSkeleton.tsx';

interface Version<P> {
  version: number;
  plan: P;
  savedAt: string;
}
interface View<P> {
  current: Version<P> | null;
  versions: { version: number; savedAt: string; savedByName: string }[];
}

/** What a versioned plan's page needs: its calls, how its form checks and sends, and how it looks on screen and paper. */
export interface VersionedPlanPageSpec<P, D extends { basedOnVersion: number }, S> {
  title: string;
  /** What to say before the first save. */
  emptyText: string;
  api: {
    useView: (participantId: string) => UseQueryResult<View<P>>;
    useVersion: (participantId: string, version: number | null) => UseQueryResult<Version<P>>;
    useSave: (participantId: string) => UseMutationResult<Version<P>, Error, S>;
  };
  form: {
    draftOf: (plan: P | null, basedOnVersion: number) => D;
    validate: (d: D) => FormErrors;
    request: (d: D) => S;
    fieldOf: (path: string) => string;
  };
  fields(form: UseFormReturnType<D>): ReactNode;
  print(printed: { plan: P; participantName: string; version: number; savedAt: string }): ReactNode;
}

/**
 * A plan a participant keeps with their clinician, on the staff side: edit and save a new version, look at earlier
 * versions, print one. The printed plan always carries the crisis lines.
 */
export function VersionedPlanPage<P, D extends { basedOnVersion: number }, S>({
  spec,
}: {
  spec: VersionedPlanPageSpec<P, D, S>;
}) {
  const { participantId = '' } = useParams();
  const me = useMe();
  const participant = useParticipant(participantId);
  const view = spec.api.useView(participantId);
  const [shown, setShown] = useState<number | null>(null);
  const earlier = spec.api.useVersion(participantId, shown);
  const latestVersion = view.data?.current?.version ?? 0;
  const writes = can(me, 'safety-plan.write');
  const name = participant.data
    ? `${participant.data.preferredName ?? participant.data.givenName} ${participant.data.familyName}`
    : '';
  const printed = shown !== null && earlier.data ? earlier.data : (view.data?.current ?? null);
  const lower = spec.title.toLowerCase();

  return (
    <>
      <PageHeader
        title={spec.title}
        documentTitle={name ? `${spec.title} · ${name}` : spec.title}
        description={name}
        above={
          <Anchor component={Link} to={`/participants/${participantId}`} size="sm">
            Back to the participant
          </Anchor>
        }
        actions={
          printed && (
            <Button variant="light" leftSection={<IconPrinter size={16} aria-hidden />} onClick={() => window.print()}>
              Print version {printed.version}
            </Button>
          )
        }
      />
      {view.isPending ? (
        <TableSkeleton rows={4} label={`Loading the ${lower}`} />
      ) : view.isError ? (
        <ProblemAlert error={view.error} title={`Could not load the ${lower}`} onRetry={() => void view.refetch()} />
      ) : (
        <Stack gap="md">
          {view.data.versions.length > 0 ? (
            <Group gap="sm" align="flex-end">
              <NativeSelect
                label="Version to print"
                value={String(shown ?? latestVersion)}
                onChange={(e) =>
                  setShown(Number(e.currentTarget.value) === latestVersion ? null : Number(e.currentTarget.value))
                }
                data={view.data.versions.map((v) => ({
                  value: String(v.version),
                  label: `Version ${v.version} — ${formatDateTime(v.savedAt)} by ${v.savedByName}`,
                }))}
              />
            </Group>
          ) : (
            <Alert color="blue" title="No plan yet">
              {spec.emptyText}
            </Alert>
          )}
          <PlanEditor
            key={latestVersion}
            spec={spec}
            participantId={participantId}
            initial={spec.form.draftOf(view.data.current?.plan ?? null, latestVersion)}
            writes={writes}
            onSaved={() => setShown(null)}
          />
        </Stack>
      )}
      {printed &&
        spec.print({ plan: printed.plan, participantName: name, version: printed.version, savedAt: printed.savedAt })}
    </>
  );
}

/** The editor, keyed by the version it opened: a new version saved (here or elsewhere) starts it afresh from that one. */
function PlanEditor<P, D extends { basedOnVersion: number }, S>({
  spec,
  participantId,
  initial,
  writes,
  onSaved,
}: {
  spec: VersionedPlanPageSpec<P, D, S>;
  participantId: string;
  initial: D;
  writes: boolean;
  onSaved: () => void;
}) {
  const save = spec.api.useSave(participantId);
  const form = useForm<D>({ initialValues: initial, validate: spec.form.validate });
  const submit = form.onSubmit((values) => {
    save.mutate(spec.form.request(values), {
      onSuccess: (saved) => {
        notifications.show({ color: 'teal', message: `${spec.title} saved as version ${saved.version}.` });
        onSaved();
      },
      onError: (error) => {
        if (error instanceof ApiError)
          for (const p of error.errors) form.setFieldError(spec.form.fieldOf(p.path), p.message);
      },
    });
  });
  return (
    <Paper withBorder p="md" radius="md" component="form" noValidate onSubmit={submit} aria-label={spec.title}>
      <fieldset disabled={!writes} style={{ border: 0, padding: 0, margin: 0 }}>
        <Stack gap="md">
          {spec.fields(form)}
          {save.error && <ProblemAlert error={save.error} title={`Could not save the ${spec.title.toLowerCase()}`} />}
          {writes && (
            <Group>
              <Button type="submit" loading={save.isPending}>
                Save as version {initial.basedOnVersion + 1}
              </Button>
            </Group>
          )}
        </Stack>
      </fieldset>
    </Paper>
  );
}
