import { Anchor, Badge, Button, Loader, Table, Text } from '@mantine/core';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useMe } from '../../app/auth-context.tsx';
import { formatDateTime } from '../../app/format.ts';
import { can } from '../../app/permissions.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { assessmentPath, useAssessmentsOf, useStartAssessment, type AssessmentSubject } from './api.ts';

/** An episode's or an inquiry's intake assessments, newest first, and a button to start one. */
export function AssessmentsPage({ kind }: { kind: AssessmentSubject['kind'] }) {
  const { episodeId, inquiryId } = useParams();
  const subject = { kind, id: (kind === 'episodes' ? episodeId : inquiryId) ?? '' };
  const me = useMe();
  const navigate = useNavigate();
  const list = useAssessmentsOf(subject);
  const start = useStartAssessment(subject);

  const startOne = async () => {
    try {
      const created = await start.mutateAsync({});
      void navigate(assessmentPath(created.id));
    } catch {
      // Shown by the alert below.
    }
  };

  return (
    <>
      <PageHeader
        title="Intake assessments"
        description={kind === 'episodes' ? 'Biopsychosocial assessments of this episode' : 'Biopsychosocial assessments before admission'}
        actions={
          can(me, 'intake-assessment.write') && (
            <Button onClick={() => void startOne()} loading={start.isPending}>
              Start an assessment
            </Button>
          )
        }
      />
      <ProblemAlert error={start.error} title="Could not start the assessment" />
      {list.isPending ? (
        <Loader aria-label="Loading assessments" />
      ) : list.isError ? (
        <ProblemAlert error={list.error} title="Could not load the assessments" onRetry={() => void list.refetch()} />
      ) : list.data.assessments.length === 0 ? (
        <Text c="dimmed">No assessment yet.</Text>
      ) : (
        <Table verticalSpacing="xs" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Started</Table.Th>
              <Table.Th>Author</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Last saved</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.assessments.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  <Anchor component={Link} to={assessmentPath(a.id)}>
                    {formatDateTime(a.createdAt)}
                  </Anchor>
                </Table.Td>
                <Table.Td>{a.author.name}</Table.Td>
                <Table.Td>
                  <Badge color={a.status === 'signed' ? 'teal' : 'orange'}>{a.status === 'signed' ? 'Signed' : 'Draft'}</Badge>
                </Table.Td>
                <Table.Td>{formatDateTime(a.updatedAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}

export const EpisodeAssessmentsPage = () => <AssessmentsPage kind="episodes" />;
export const InquiryAssessmentsPage = () => <AssessmentsPage kind="inquiries" />;
