import type { ReactNode } from 'react';
import { Anchor, Badge, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { NOTE_KIND_LABELS, type NotesAttention, type PlanReviewDueRow, type UnsignedAssessmentRow } from '@trellis/core';
import { Link } from 'react-router-dom';
import { formatDate, formatDateTime } from '../../app/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { assessmentPath, useUnsignedAssessments } from '../intake-assessments/api.ts';
import { usePlanReviewsDue } from '../plans/api.ts';
import { useNotesAttention } from './api.ts';

/** Where a note opens: its episode's notes with the note open. */
export const notePath = (n: { episodeId: string; id: string }) => `/episodes/${n.episodeId}/notes?note=${n.id}`;

interface Query<T> {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: T | undefined;
  refetch: () => unknown;
}

/** One list of the view: a heading with its count, then loading, error, empty or the table. */
function Section<T>({
  title,
  query,
  rows,
  empty,
  head,
  row,
}: {
  title: string;
  query: Query<T>;
  rows: (data: T) => readonly unknown[];
  empty: string;
  head: string[];
  row: (data: T) => ReactNode;
}) {
  const count = query.data === undefined ? null : rows(query.data).length;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={title}>
      <Group gap="xs" mb="xs">
        <Title order={2} fz="lg">
          {title}
        </Title>
        {count !== null && <Badge color={count > 0 ? 'orange' : 'gray'}>{count}</Badge>}
      </Group>
      {query.isPending ? (
        <Loader size="sm" aria-label={`Loading ${title.toLowerCase()}`} />
      ) : query.isError || query.data === undefined ? (
        <ProblemAlert error={query.error} title={`Could not load ${title.toLowerCase()}`} onRetry={() => void query.refetch()} />
      ) : count === 0 ? (
        <Text c="dimmed" size="sm">
          {empty}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                {head.map((h) => (
                  <Table.Th key={h}>{h}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>{row(query.data)}</Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

/** Unsigned intake assessments in the reader's scope, least recently saved first; each row opens the assessment. */
export function UnsignedAssessments({ query, pathOf }: { query: Query<{ rows: readonly UnsignedAssessmentRow[] }>; pathOf: (row: UnsignedAssessmentRow) => string }) {
  return (
    <Section
      title="Assessments unsigned"
      query={query}
      rows={(d) => d.rows}
      empty="Every intake assessment is signed."
      head={['Person', 'Author', 'Started', 'Last saved']}
      row={(d) =>
        d.rows.map((a) => (
          <Table.Tr key={a.id}>
            <Table.Td>
              <Anchor component={Link} to={pathOf(a)} aria-label={`Open ${a.displayName}’s intake assessment`}>
                {a.displayName}
              </Anchor>
            </Table.Td>
            <Table.Td>{a.author.name}</Table.Td>
            <Table.Td>{formatDateTime(a.startedAt)}</Table.Td>
            <Table.Td>{formatDateTime(a.updatedAt)}</Table.Td>
          </Table.Tr>
        ))
      }
    />
  );
}

const noteLabel = (n: NotesAttention['overdue'][number] | NotesAttention['cosignPending'][number]) =>
  `${NOTE_KIND_LABELS[n.kind]} note, ${formatDateTime(n.startsAt)}`;

/**
 * The supervisor view (issue 6): the reader's and their supervisees' notes unsigned past the program's deadline,
 * co-signatures waiting for the reader, plan reviews due within 7 days or overdue, and intake assessments unsigned in
 * the reader's scope. Each row opens the item.
 */
export function SupervisionPage() {
  const notes = useNotesAttention();
  const reviews = usePlanReviewsDue();
  const assessments = useUnsignedAssessments();
  return (
    <>
      <PageHeader title="Supervision" description="Your own and your supervisees’ documentation that needs attention" />
      <Stack gap="md">
        <Section
          title="Notes past their deadline"
          query={notes}
          rows={(d) => d.overdue}
          empty="No note is unsigned past its program’s deadline."
          head={['Participant', 'Note', 'Author', 'Was due']}
          row={(d) =>
            d.overdue.map((n) => (
              <NoteRow key={n.id} note={n} when={formatDateTime(n.dueAt)} />
            ))
          }
        />
        <Section
          title="Co-signatures pending"
          query={notes}
          rows={(d) => d.cosignPending}
          empty="No supervisee’s note is waiting for your co-signature."
          head={['Participant', 'Note', 'Author', 'Signed']}
          row={(d) =>
            d.cosignPending.map((n) => (
              <NoteRow key={n.id} note={n} when={n.signedAt ? formatDateTime(n.signedAt) : ''} />
            ))
          }
        />
        <Section
          title="Plan reviews due"
          query={reviews}
          rows={(d) => d.rows}
          empty="No plan review is due in the next 7 days or overdue."
          head={['Participant', 'Program', 'Clinician', 'Review due']}
          row={(d) => d.rows.map((r) => <ReviewRow key={r.episodeId} r={r} />)}
        />
        <UnsignedAssessments query={assessments} pathOf={(a) => assessmentPath(a.id)} />
      </Stack>
    </>
  );
}

/** A note row of either notes section: who, which note (opens it), its author, and the section's time. */
function NoteRow({ note: n, when }: { note: NotesAttention['overdue'][number] | NotesAttention['cosignPending'][number]; when: string }) {
  return (
    <Table.Tr>
      <Table.Td>{n.participantName}</Table.Td>
      <Table.Td>
        <Anchor component={Link} to={notePath(n)} aria-label={`Open ${noteLabel(n)} of ${n.participantName}`}>
          {noteLabel(n)}
        </Anchor>
      </Table.Td>
      <Table.Td>{n.author.name}</Table.Td>
      <Table.Td>{when}</Table.Td>
    </Table.Tr>
  );
}

function ReviewRow({ r }: { r: PlanReviewDueRow }) {
  return (
    <Table.Tr>
      <Table.Td>
        <Anchor component={Link} to={`/episodes/${r.episodeId}/treatment-plan`} aria-label={`Open ${r.displayName}’s treatment plan`}>
          {r.displayName}
        </Anchor>
      </Table.Td>
      <Table.Td>{r.programName}</Table.Td>
      <Table.Td>{r.primaryClinician?.name ?? '—'}</Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <Badge color={r.state === 'overdue' ? 'red' : 'orange'}>{r.state === 'overdue' ? 'Overdue' : 'Due'}</Badge>
          <Text size="sm">
            {formatDate(r.dueOn)}
            {r.reason === 'level_of_care_change' ? ' (level of care changed)' : ''}
          </Text>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
