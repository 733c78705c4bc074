import { useState } from 'react';
import { Badge, Button, Group, Loader, Modal, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { PLAN_SIGNER_LABELS, type DueState, type PlanSignatureCreate } from '@trellis/core';
import { useParams } from 'react-router-dom';
import { useMe } from '../../app/auth-context.tsx';
import { formatDate, formatDateTime } from '../../app/format.ts';
import { can } from '../../app/permissions.ts';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { useStaff } from '../setup/api.ts';
import { useAddPlanSignature, usePlanVersion, useTreatmentPlan } from './api.ts';
import { PlanEditor } from './PlanEditor.tsx';
import { PlanReviewForm } from './PlanReviewForm.tsx';
import { PlanView } from './PlanView.tsx';
import { emptyPlan, nextVersionOf, valuesOf } from './plan-form.ts';

const DUE_COLOR: Record<DueState, string> = { overdue: 'red', due: 'orange', upcoming: 'gray' };

/** Signatures a signed version still needs, taken here: the participant's in person, a supervisor's sign-off. */
function SignaturePanel({ episodeId, number, missing }: { episodeId: string; number: number; missing: string[] }) {
  const me = useMe();
  const add = useAddPlanSignature(episodeId);
  const [asking, setAsking] = useState<PlanSignatureCreate['signer'] | null>(null);
  const [name, setName] = useState('');
  const close = () => {
    setAsking(null);
    setName('');
  };
  const confirm = async () => {
    if (!asking) return;
    try {
      await add.mutateAsync({ number, body: asking === 'participant' ? { signer: 'participant', signedName: name } : { signer: 'supervisor' } });
      notifications.show({ color: 'teal', title: 'Signature recorded', message: `${PLAN_SIGNER_LABELS[asking]} on version ${number}` });
      close();
    } catch {
      // The modal shows the refusal.
    }
  };
  return (
    <Group gap="xs">
      {missing.includes('participant') && can(me, 'treatment-plan.write') && (
        <Button size="xs" variant="light" onClick={() => (add.reset(), setAsking('participant'))}>
          Take the participant&apos;s signature
        </Button>
      )}
      {missing.includes('supervisor') && can(me, 'note.cosign') && (
        <Button size="xs" variant="light" onClick={() => (add.reset(), setAsking('supervisor'))}>
          Sign off as supervisor
        </Button>
      )}
      <ConfirmModal
        opened={asking !== null}
        title={asking === 'participant' ? 'The participant signs in person' : 'Supervisor sign-off'}
        confirmLabel={asking === 'participant' ? 'Record signature' : 'Sign off'}
        loading={add.isPending}
        error={add.error}
        onConfirm={() => void confirm()}
        onClose={close}
      >
        {asking === 'participant' ? (
          <Stack gap="xs">
            <Text size="sm">Hand the device to the participant: they read version {number} and type their name to sign it.</Text>
            <TextInput label="Participant's name, as signed" value={name} onChange={(e) => setName(e.currentTarget.value)} data-autofocus />
          </Stack>
        ) : (
          <Text size="sm">You attest that you have reviewed version {number} of this plan as the clinician&apos;s supervisor.</Text>
        )}
      </ConfirmModal>
    </Group>
  );
}

/**
 * An episode's treatment plan: the plan in force with its signatures, the next review due, an open draft in the
 * editor, every version (old ones stay readable as signed), and the review form.
 */
export function TreatmentPlanPage() {
  const { episodeId = '' } = useParams();
  const me = useMe();
  const plan = useTreatmentPlan(episodeId);
  const staff = useStaff({ enabled: can(me, 'staff.read') });
  const [editing, setEditing] = useState(false);
  const [reviewing, setReviewing] = useState(false);
  const [viewing, setViewing] = useState<number | null>(null);
  const old = usePlanVersion(episodeId, viewing);
  const writes = can(me, 'treatment-plan.write');
  const staffName = (id: string) => staff.data?.find((s) => s.id === id)?.name ?? (id === me.id ? me.name : 'Staff member');

  if (plan.isPending) return <Loader aria-label="Loading the treatment plan" />;
  if (plan.isError) return <ProblemAlert error={plan.error} title="Could not load the treatment plan" onRetry={() => void plan.refetch()} />;
  const { current, draft, versions, reviews, nextReview, today, programRange, settings } = plan.data;
  const showEditor = editing || draft !== null;

  return (
    <>
      <PageHeader
        title="Treatment plan"
        description={`Reviewed every ${settings.reviewIntervalDays} days and at any change of level of care${settings.supervisorSignOff ? '; plans need a supervisor’s sign-off' : ''}.`}
        actions={
          nextReview && (
            <Badge size="lg" color={DUE_COLOR[nextReview.state]} variant={nextReview.state === 'upcoming' ? 'light' : 'filled'}>
              Review {nextReview.state === 'overdue' ? 'overdue since' : 'due'} {formatDate(nextReview.dueOn)}
              {nextReview.reason === 'level_of_care_change' ? ' (level of care changed)' : ''}
            </Badge>
          )
        }
      />
      <Stack gap="xl">
        <section aria-label="Plan in force">
          <Group justify="space-between" mb="sm">
            <Title order={2} size="h3">
              Plan in force
            </Title>
            <Group gap="xs">
              {current && <SignaturePanel episodeId={episodeId} number={current.number} missing={current.missingSignatures} />}
              {current && writes && !reviewing && (
                <Button size="xs" variant="default" onClick={() => setReviewing(true)}>
                  Review the plan
                </Button>
              )}
            </Group>
          </Group>
          {current ? (
            <Paper withBorder p="md" radius="md">
              {reviewing ? (
                <PlanReviewForm episodeId={episodeId} plan={current} today={today} onDone={() => setReviewing(false)} />
              ) : (
                <PlanView version={current} staffName={staffName} />
              )}
            </Paper>
          ) : (
            <EmptyState
              title="No signed plan yet"
              action={
                writes &&
                !showEditor && (
                  <Button onClick={() => setEditing(true)}>Write the plan</Button>
                )
              }
            >
              Until a plan is signed, the participant&apos;s week is judged against the program&apos;s minimum hours.
            </EmptyState>
          )}
        </section>

        {writes && (
          <section aria-label="Draft">
            <Group justify="space-between" mb="sm">
              <Title order={2} size="h3">
                {draft ? `Draft: version ${draft.number}` : editing ? `New version ${versions.length + 1}` : 'Change the plan'}
              </Title>
              {current && !showEditor && (
                <Button size="xs" onClick={() => setEditing(true)}>
                  Start version {versions.length + 1}
                </Button>
              )}
            </Group>
            {showEditor ? (
              <PlanEditor
                key={draft ? `draft-${draft.number}` : 'new'}
                episodeId={episodeId}
                draft={draft}
                initial={draft ? valuesOf(draft.content) : current ? nextVersionOf(current.content, today) : emptyPlan(today, me.id)}
                programRange={programRange}
                onClose={draft ? undefined : () => setEditing(false)}
              />
            ) : (
              <Text size="sm" c="dimmed">
                A change to a signed plan makes a new version; the signed one stays as it was.
              </Text>
            )}
          </section>
        )}

        <section aria-label="Versions">
          <Title order={2} size="h3" mb="sm">
            Versions
          </Title>
          {versions.length === 0 ? (
            <Text size="sm" c="dimmed">
              None yet.
            </Text>
          ) : (
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Version</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Takes effect</Table.Th>
                  <Table.Th>Hours a week</Table.Th>
                  <Table.Th>Signed</Table.Th>
                  <Table.Th aria-label="Open" />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {versions.map((v) => (
                  <Table.Tr key={v.number}>
                    <Table.Td>{v.number}</Table.Td>
                    <Table.Td>{v.status === 'signed' ? 'Signed' : 'Draft'}</Table.Td>
                    <Table.Td>{formatDate(v.effectiveOn)}</Table.Td>
                    <Table.Td>{v.weeklyHours}</Table.Td>
                    <Table.Td>{v.signedAt ? formatDateTime(v.signedAt) : '—'}</Table.Td>
                    <Table.Td>
                      <Button size="compact-xs" variant="subtle" onClick={() => setViewing(v.number)}>
                        Open version {v.number}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </section>

        <section aria-label="Reviews">
          <Title order={2} size="h3" mb="sm">
            Reviews
          </Title>
          {reviews.length === 0 ? (
            <Text size="sm" c="dimmed">
              No review yet.
            </Text>
          ) : (
            <Stack gap="xs">
              {reviews.map((r) => (
                <Paper key={r.id} withBorder p="sm" radius="sm">
                  <Text size="sm" fw={600}>
                    {formatDate(r.reviewedOn)} — version {r.planVersion}, by {r.reviewedBy.name}; next review {formatDate(r.nextReviewOn)}
                  </Text>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {r.narrative}
                  </Text>
                </Paper>
              ))}
            </Stack>
          )}
        </section>
      </Stack>

      <Modal opened={viewing !== null} onClose={() => setViewing(null)} title={`Version ${viewing ?? ''}`} size="xl">
        {old.isPending ? <Loader /> : old.isError ? <ProblemAlert error={old.error} /> : <PlanView version={old.data} staffName={staffName} />}
      </Modal>
    </>
  );
}
