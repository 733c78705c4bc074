import { Anchor, Loader } from '@mantine/core';
import { Link, useParams } from 'react-router-dom';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { useAssessment } from './api.ts';
import { AssessmentDraftForm } from './AssessmentDraftForm.tsx';
import { SignedAssessment } from './SignedAssessment.tsx';

/** One intake assessment: the sectioned draft form with autosave, or the signed record with its addenda. */
export function IntakeAssessmentPage() {
  const { assessmentId = '' } = useParams();
  const query = useAssessment(assessmentId);
  if (query.isPending) return <Loader aria-label="Loading the assessment" />;
  if (query.isError) return <ProblemAlert error={query.error} title="Could not load the assessment" onRetry={() => void query.refetch()} />;
  const a = query.data;
  const back = a.episodeId ? `/episodes/${a.episodeId}/intake-assessments` : a.inquiryId ? `/inquiries/${a.inquiryId}/intake-assessments` : null;
  return (
    <>
      <PageHeader
        title={`Intake assessment: ${a.displayName}`}
        description={a.status === 'signed' ? 'Signed: corrections are addenda' : `Draft by ${a.author.name}; it saves itself as you type`}
        above={back ? <Anchor component={Link} to={back} size="sm">All assessments</Anchor> : undefined}
      />
      {a.status === 'signed' ? (
        <SignedAssessment assessment={a} />
      ) : (
        <AssessmentDraftForm key={a.id} assessment={a} reload={async () => (await query.refetch()).data} />
      )}
    </>
  );
}
