import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Card, Group, Loader, Select, Stack, Tabs, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  CONTACT_METHOD_LABELS,
  INQUIRY_PAYER_LABELS,
  INQUIRY_STATUS_LABELS,
  INQUIRY_STATUSES,
  inquiryBoardSchema,
  inquirySchema,
  updateInquirySchema,
  type Inquiry,
  type InquiryStatus,
} from '@trellis/core';
import { checkedApi, errorMessage, isStaleVersion } from '../../app/api-client.ts';
import { coreSchemaResolver } from '../../app/core-form.ts';
import { applyFieldErrors } from '../../app/form-errors.ts';
import { Link } from 'react-router-dom';
import { useMe } from '../../app/auth-context.tsx';
import { can } from '../../app/permissions.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { AdmitInquiryModal } from './AdmitInquiryModal.tsx';
import { PipelineFigures } from './PipelineFigures.tsx';
import { ReferInquiryModal } from './ReferInquiryModal.tsx';

const boardKey = (status: InquiryStatus) => ['inquiries', status] as const;

/** Columns an inquiry reaches only by being admitted or referred elsewhere (the server refuses a plain move there). */
const CONVERSION_STATUSES: readonly InquiryStatus[] = ['admitted', 'referred_elsewhere'];

/** The intake coordinator's board: people asking about care, by status, with notes and the next step. */
export function InquiriesPage() {
  const [status, setStatus] = useState<InquiryStatus>('new');
  const board = useQuery({
    queryKey: boardKey(status),
    queryFn: ({ signal }) => checkedApi.get(inquiryBoardSchema, '/api/v1/inquiries', { status }, signal),
  });
  return (
    <>
      <PageHeader title="Inquiries" description="People asking about care, from the public form, calls and referrals." />
      <PipelineFigures />
      <Tabs value={status} onChange={(v) => v && setStatus(v as InquiryStatus)} keepMounted={false}>
        <Tabs.List>
          {INQUIRY_STATUSES.map((s) => (
            <Tabs.Tab key={s} value={s} rightSection={board.data ? <Badge size="sm" variant="light">{board.data.counts[s]}</Badge> : null}>
              {INQUIRY_STATUS_LABELS[s]}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Stack mt="md">
        {board.isPending && <Loader aria-label="Loading inquiries" />}
        {board.isError && <Alert color="red">{errorMessage(board.error)}</Alert>}
        {board.data?.items.length === 0 && <Text c="dimmed">No inquiries here.</Text>}
        {board.data?.items.map((i) => <InquiryCard key={`${i.id}-${i.version}`} inquiry={i} />)}
        {board.data?.nextCursor && (
          <Text size="sm" c="dimmed">
            Showing the newest {board.data.items.length}. Move or close these to see older ones.
          </Text>
        )}
      </Stack>
    </>
  );
}

interface Draft {
  version: number;
  status: string;
  notes: string;
  nextStep: string;
}

function InquiryCard({ inquiry: i }: { inquiry: Inquiry }) {
  const me = useMe();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const [converting, setConverting] = useState<'admit' | 'refer' | null>(null);
  const converted = CONVERSION_STATUSES.includes(i.status);
  const mayConvert = !converted && can(me, 'inquiry.write');
  const mayAdmit = mayConvert && can(me, 'participant.write') && can(me, 'episode.admit');
  const form = useForm<Draft>({
    initialValues: { version: i.version, status: i.status, notes: i.notes ?? '', nextStep: i.nextStep ?? '' },
    validate: coreSchemaResolver<Draft>(updateInquirySchema),
  });
  const save = useMutation({
    mutationFn: (values: Draft) => checkedApi.patch(inquirySchema, `/api/v1/inquiries/${i.id}`, values),
    onSuccess: async () => {
      setProblem(null);
      await queryClient.invalidateQueries({ queryKey: ['inquiries'] });
    },
    onError: (error) => {
      applyFieldErrors(form, error, ['status', 'notes', 'nextStep']);
      setProblem(isStaleVersion(error) ? 'Someone else changed this inquiry. Reload to see the latest.' : errorMessage(error));
    },
  });
  const contact = [i.phone, i.email].filter(Boolean).join(' · ');
  return (
    <Card withBorder component="article" aria-label={i.name}>
      <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate>
        <Stack gap="xs">
          <Group justify="space-between" wrap="wrap">
            <Text fw={700}>{i.name}</Text>
            <Text size="sm" c="dimmed">
              {new Date(i.createdAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })} · {i.source.replace('_', ' ')}
            </Text>
          </Group>
          <Text size="sm">
            {contact} — prefers {CONTACT_METHOD_LABELS[i.preferredContact].toLowerCase()}
          </Text>
          <Text size="sm">
            {i.programName ?? 'No program chosen'} · {INQUIRY_PAYER_LABELS[i.payer]}
          </Text>
          {i.message && (
            <Text size="sm" fs="italic">
              “{i.message}”
            </Text>
          )}
          {i.participantId && (
            <Anchor component={Link} to={`/participants/${i.participantId}`} size="sm">
              Admitted: open the participant’s record
            </Anchor>
          )}
          {i.referredTo && (
            <Text size="sm">
              Referred to {i.referredTo}: {i.referralReason}
            </Text>
          )}
          {problem && (
            <Alert color="red" role="alert">
              {problem}
            </Alert>
          )}
          <Group grow align="flex-start" wrap="wrap">
            <Select
              label="Status"
              data={INQUIRY_STATUSES.filter((s) => s === i.status || !CONVERSION_STATUSES.includes(s)).map((s) => ({ value: s, label: INQUIRY_STATUS_LABELS[s] }))}
              allowDeselect={false}
              disabled={converted}
              {...form.getInputProps('status')}
            />
            <TextInput label="Next step" maxLength={500} {...form.getInputProps('nextStep')} />
          </Group>
          <Textarea label="Notes" rows={2} {...form.getInputProps('notes')} />
          <Group justify="space-between">
            {can(me, 'intake-assessment.read') ? (
              <Anchor component={Link} to={`/inquiries/${i.id}/intake-assessments`} size="sm" aria-label={`Intake assessment of ${i.name}`}>
                Intake assessment
              </Anchor>
            ) : (
              <span />
            )}
            <Group gap="xs">
              {mayConvert && (
                <Button size="xs" variant="default" onClick={() => setConverting('refer')}>
                  Refer elsewhere
                </Button>
              )}
              {mayAdmit && (
                <Button size="xs" variant="light" onClick={() => setConverting('admit')}>
                  Admit
                </Button>
              )}
              <Button type="submit" size="xs" loading={save.isPending} disabled={!form.isDirty()}>
                Save
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
      {converting === 'admit' && <AdmitInquiryModal inquiry={i} onClose={() => setConverting(null)} />}
      {converting === 'refer' && <ReferInquiryModal inquiry={i} onClose={() => setConverting(null)} />}
    </Card>
  );
}
