import { lazy, Suspense } from 'react';
import { Button, Grid, Skeleton, Stack } from '@mantine/core';
import { IconLock, IconUserQuestion } from '@tabler/icons-react';
import { Link, useParams } from 'react-router-dom';
import { programWeekContaining } from '@trellis/core';
import { useAuth } from '../../app/auth-context.tsx';
import { can } from '../../app/permissions.ts';
import { isApiError } from '../../app/api-client.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { usePageTitle } from '../../ui/page-title.ts';
import { usePrograms } from '../setup/api.ts';
import { useParticipant, useParticipantLedger } from './api.ts';
import { ParticipantHeader } from './ParticipantHeader.tsx';
import { ProfileCard } from './ProfileCard.tsx';
import { PortalAccountCard } from '../portal/PortalAccountCard.tsx';
import { FamilyCard } from '../family/FamilyCard.tsx';
import { EpisodeCard } from './EpisodeCard.tsx';
import { HoursChart } from './HoursChart.tsx';
import { LedgerTable } from './LedgerTable.tsx';
import { AttendanceHistory } from './AttendanceHistory.tsx';
import { displayNameOf } from './participant-names.ts';

// Measures over time come with their own chart code, loaded only for roles that read measures.
const MeasureCharts = lazy(async () => ({ default: (await import('../outcomes/MeasureCharts.tsx')).MeasureCharts }));
const CheckInTrends = lazy(async () => ({ default: (await import('../outcomes/CheckInTrends.tsx')).CheckInTrends }));
const UnavailabilityCard = lazy(async () => ({
  default: (await import('../appointments/UnavailabilityCard.tsx')).UnavailabilityCard,
}));

function ParticipantSkeleton() {
  usePageTitle('Participant');
  return (
    <Stack role="status" aria-label="Loading the participant">
      <Skeleton height={32} width="40%" />
      <Skeleton height={16} width="30%" />
      <Grid>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Skeleton height={220} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Skeleton height={220} />
        </Grid.Col>
      </Grid>
      <Skeleton height={300} />
    </Stack>
  );
}

/** One participant: who they are, their episode of care, their weekly hours across the episode and every session attended. */
export function ParticipantPage() {
  const { participantId = '' } = useParams();
  const { me } = useAuth();
  const participant = useParticipant(participantId);
  // Weekly hours and attendance are for roles that read attendance (intake does not).
  const seesAttendance = can(me, 'attendance.read');
  const ledger = useParticipantLedger(participantId, participant.isSuccess && seesAttendance);
  const programs = usePrograms();

  if (participant.isPending) return <ParticipantSkeleton />;
  if (participant.isError) {
    const back = (
      <Button component={Link} to="/participants" variant="light">
        Back to participants
      </Button>
    );
    if (isApiError(participant.error, 403)) {
      return (
        <EmptyState title="This record is not open to you" icon={<IconLock size={26} />} action={back}>
          The participant is in a program you are not assigned to. Ask a program director if you need to work with them.
        </EmptyState>
      );
    }
    // An unknown id, or an address that is not a participant's at all.
    if (isApiError(participant.error, 404) || isApiError(participant.error, 400)) {
      return (
        <EmptyState title="No participant at this address" icon={<IconUserQuestion size={26} />} action={back}>
          The link may be mistyped, or the record belongs to another organisation.
        </EmptyState>
      );
    }
    return (
      <ProblemAlert
        error={participant.error}
        title="This participant could not be shown"
        onRetry={() => void participant.refetch()}
      />
    );
  }
  const p = participant.data;
  const name = displayNameOf(p);
  const episode = p.episodes.find((e) => e.status === 'active') ?? p.episodes[0] ?? null;
  const program = programs.data?.find((x) => x.id === episode?.programId);
  const currentMonday = program ? programWeekContaining(new Date().toISOString(), program.timeZone).monday : null;
  const weeks = ledger.data?.weeks ?? [];

  return (
    <>
      <ParticipantHeader participant={p} canAudit={can(me, 'audit.read')} />
      <Stack gap="md">
        {can(me, 'appointment.read') && (
          <Button component={Link} to={`/participants/${p.id}/appointments`} variant="light" w="fit-content">
            Appointments
          </Button>
        )}
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 6 }}>
            <ProfileCard participant={p} canEdit={can(me, 'participant.write')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <EpisodeCard
              participantId={p.id}
              participantName={name}
              episodes={p.episodes}
              canWrite={can(me, 'episode.write')}
              canAdmit={can(me, 'episode.admit')}
            />
          </Grid.Col>
        </Grid>

        {can(me, 'appointment.read') && (
          <Suspense fallback={<Skeleton height={160} aria-label="Loading when they cannot come" />}>
            <UnavailabilityCard
              participantId={p.id}
              timeZone={program?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone}
              canEdit={can(me, 'participant.write')}
            />
          </Suspense>
        )}

        <PortalAccountCard participantId={p.id} email={p.email} canInvite={can(me, 'participant.write')} />
        <FamilyCard
          participantId={p.id}
          participantName={name}
          episodes={p.episodes}
          canWrite={can(me, 'participant.write')}
        />

        {seesAttendance && ledger.isPending && episode && <Skeleton height={300} aria-label="Loading weekly hours" />}
        {ledger.isError && (
          <ProblemAlert
            error={ledger.error}
            title="Weekly hours could not be loaded"
            onRetry={() => void ledger.refetch()}
          />
        )}
        {ledger.isSuccess && weeks.length === 0 && (
          <EmptyState title="No weekly hours yet">
            Hours appear once the participant is admitted and their first program week begins.
          </EmptyState>
        )}
        {weeks.length > 0 && (
          <>
            <HoursChart weeks={weeks} requiredHours={program?.minWeeklyHours ?? null} />
            <LedgerTable weeks={weeks} currentMonday={currentMonday} services={ledger.data?.services} />
          </>
        )}
        {can(me, 'measure.read') && (
          <Suspense fallback={<Skeleton height={260} aria-label="Loading measures" />}>
            <MeasureCharts participantId={p.id} />
          </Suspense>
        )}
        {can(me, 'measure.read') && (
          <Suspense fallback={<Skeleton height={200} aria-label="Loading check-ins" />}>
            <CheckInTrends participantId={p.id} />
          </Suspense>
        )}
        {seesAttendance && <AttendanceHistory participantId={p.id} />}
      </Stack>
    </>
  );
}
