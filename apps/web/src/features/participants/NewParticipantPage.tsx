import { useState } from 'react';
import { Alert, Anchor, Button, Divider, Group, List, Paper, Stack, Stepper, Table, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError, type FieldProblem } from '../../app/api-client.ts';
import { applyFieldErrors } from '../../app/form-errors.ts';
import { formatDate } from '../../app/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { usePrograms, useStaff, useTracks } from '../setup/api.ts';
import { participantUnavailabilityUpdateSchema, type ParticipantUnavailability, type PossibleDuplicate } from '@trellis/core';
import { coreRequestForm } from '../../app/core-form.ts';
import { useSaveUnavailabilityOf } from '../appointments/api.ts';
import { newWeeklyRule, unavailabilityRequest, WeeklyRuleRows, weeklyRuleText, type WeeklyRulesValues } from '../appointments/WeeklyRuleRows.tsx';
import { checkPossibleDuplicates, fetchTrackPlaces, useAdmit, useCreateParticipant } from './api.ts';
import { ProfileFields } from './ProfileFields.tsx';
import { AdmissionFields } from './AdmissionFields.tsx';
import { EMPTY_PROFILE, PROFILE_ALIASES, PROFILE_FIELDS, profileInputOf, profileValidation, type ProfileValues } from './profile-form.ts';
import { ADMISSION_FIELDS, admissionInputOf, admissionValidation, emptyAdmission, type AdmissionValues } from './admission-form.ts';
import { displayNameOf } from './participant-names.ts';

/** What intake says once weekly times are saved: the server merges overlapping stretches, so it may keep fewer. */
function weeklySavedMessage(entered: number, saved: ParticipantUnavailability): string {
  const kept = saved.rules.map(weeklyRuleText).join('; ');
  return saved.rules.length < entered ? `Overlapping times merged: ${entered} entered, ${saved.rules.length} kept — ${kept}.` : `${kept}.`;
}

/**
 * Create a participant and admit them to a program and track in one flow: profile, admission (with their weekly
 * work, school or childcare times), review. The weekly times are saved after the admission; if that save fails the
 * participant stays admitted, the times stay on the page, and saving them can be tried again.
 */
export function NewParticipantPage() {
  const navigate = useNavigate();
  // On a phone the three steps fit on one line only without their descriptions.
  const narrow = useMediaQuery('(max-width: 36em)');
  const [step, setStep] = useState(0);
  const [createdId, setCreatedId] = useState<string | null>(null);
  const [problem, setProblem] = useState<{ error: unknown; extra: FieldProblem[] } | null>(null);
  const profile = useForm<ProfileValues>({ initialValues: EMPTY_PROFILE, validate: profileValidation });
  const admission = useForm<AdmissionValues>({ initialValues: emptyAdmission(), validate: admissionValidation });
  const weeklyRequest = coreRequestForm(participantUnavailabilityUpdateSchema, (v: WeeklyRulesValues) => unavailabilityRequest(v, null));
  const weekly = useForm<WeeklyRulesValues>({ mode: 'controlled', initialValues: { rules: [] }, validate: weeklyRequest.validate });
  const create = useCreateParticipant();
  const admit = useAdmit();
  const saveWeekly = useSaveUnavailabilityOf();
  // Set once the admission is saved: only the weekly times may still need saving.
  const [admittedId, setAdmittedId] = useState<string | null>(null);
  const programs = usePrograms();
  const tracks = useTracks(admission.getValues().programId, { enabled: !!admission.getValues().programId });
  const staff = useStaff();

  const [checking, setChecking] = useState(false);
  // Possible duplicates of the profile as last checked; the person confirms a different person before going on.
  const [duplicates, setDuplicates] = useState<{ key: string; items: PossibleDuplicate[] } | null>(null);
  const [differentPerson, setDifferentPerson] = useState<string | null>(null);
  const duplicateKey = (v: ProfileValues) => `${v.givenName.trim().toLowerCase()}|${v.familyName.trim().toLowerCase()}|${v.dateOfBirth ?? ''}`;

  /** Whether the chosen track has a place from the admission date; if not, says so on the Track field. */
  const trackHasRoom = async (): Promise<boolean> => {
    const { trackId, admittedOn } = admission.getValues();
    if (!trackId || !admittedOn) return true;
    const places = await fetchTrackPlaces(trackId, admittedOn);
    if (!places.full) return true;
    admission.setFieldError(
      'trackId',
      `${places.trackName} is full: ${places.taken} of ${places.capacity ?? places.taken} places are taken from ${formatDate(admittedOn)}. Choose another track.`,
    );
    return false;
  };

  const next = async () => {
    setProblem(null);
    const form = step === 0 ? profile : admission;
    const weeklyBad = step === 1 && weekly.validate().hasErrors;
    if (form.validate().hasErrors || weeklyBad) return;
    setChecking(true);
    try {
      if (step === 0 && !createdId) {
        const values = profile.getValues();
        const key = duplicateKey(values);
        if (differentPerson !== key) {
          const items = await checkPossibleDuplicates({ givenName: values.givenName.trim(), familyName: values.familyName.trim(), dateOfBirth: values.dateOfBirth ?? '' });
          setDuplicates({ key, items });
          if (items.length > 0) return;
        }
      }
      if (step === 1 && !(await trackHasRoom())) return;
      setStep((s) => s + 1);
    } catch (error) {
      setProblem({ error, extra: [] });
    } finally {
      setChecking(false);
    }
  };

  const submit = async () => {
    setProblem(null);
    let participantId = createdId;
    if (!participantId) {
      // No profile is created for an admission that cannot happen: the place may have gone since the last step.
      try {
        if (!(await trackHasRoom())) {
          setStep(1);
          return;
        }
      } catch (error) {
        setProblem({ error, extra: [] });
        return;
      }
      try {
        const created = await create.mutateAsync(profileInputOf(profile.getValues()));
        participantId = created.id;
        setCreatedId(created.id);
      } catch (error) {
        const extra = applyFieldErrors(profile, error, PROFILE_FIELDS, PROFILE_ALIASES);
        setProblem({ error, extra });
        if (error instanceof ApiError && error.status === 400) setStep(0);
        return;
      }
    }
    try {
      await admit.mutateAsync({ participantId, input: admissionInputOf(admission.getValues()) });
      setAdmittedId(participantId);
      notifications.show({ color: 'teal', title: 'Participant admitted', message: `${displayNameOf(profile.getValues())} is now on the census.` });
    } catch (error) {
      const extra = applyFieldErrors(admission, error, ADMISSION_FIELDS);
      setProblem({ error, extra });
      setStep(1);
      return;
    }
    await saveWeeklyTimes(participantId);
  };

  /** Saves the weekly times of an admitted participant, then opens their record; on failure they stay here to retry. */
  const saveWeeklyTimes = async (participantId: string) => {
    const values = weekly.getValues();
    if (values.rules.length > 0) {
      try {
        const saved = await saveWeekly.mutateAsync({ participantId, input: weeklyRequest.request(values) });
        notifications.show({ color: 'teal', title: 'Weekly times saved', message: weeklySavedMessage(values.rules.length, saved), autoClose: 10_000 });
      } catch {
        return; // saveWeekly.error is shown with a retry.
      }
    }
    void navigate(`/participants/${participantId}`);
  };

  const p = profile.getValues();
  const a = admission.getValues();
  const programName = programs.data?.find((x) => x.id === a.programId)?.name ?? '—';
  const trackName = tracks.data?.find((x) => x.id === a.trackId)?.name ?? '—';
  const clinicianName = staff.data?.find((x) => x.id === a.primaryClinicianId)?.name ?? '—';
  const saving = create.isPending || admit.isPending || saveWeekly.isPending;
  const weeklyRules = weekly.getValues().rules;
  const shownDuplicates = step === 0 && duplicates && duplicates.key === duplicateKey(p) && differentPerson !== duplicates.key ? duplicates.items : [];

  return (
    <>
      <PageHeader
        title="New participant"
        description="Create the participant's record and admit them to a program and track."
        above={
          <Anchor component={Link} to="/participants" size="sm">
            <Group gap={4}>
              <IconArrowLeft size={14} aria-hidden /> Participants
            </Group>
          </Anchor>
        }
      />
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} maw={880}>
        <Stack>
          {admittedId && saveWeekly.isError && (
            <Alert color="orange" variant="light" title="Admitted, but the weekly times were not saved">
              <Stack gap="xs">
                <Text size="sm">
                  {displayNameOf(p)} is admitted and on the census. Their weekly times below were not saved; nothing else needs saving again.
                </Text>
                <ProblemAlert error={saveWeekly.error} />
                <Group gap="xs">
                  <Button size="xs" onClick={() => void saveWeeklyTimes(admittedId)} loading={saveWeekly.isPending}>
                    Try saving the weekly times again
                  </Button>
                  <Button size="xs" variant="default" component={Link} to={`/participants/${admittedId}`}>
                    Open their record without them
                  </Button>
                </Group>
              </Stack>
            </Alert>
          )}
          {createdId && !admittedId && (
            <Text size="sm" c="dimmed" role="status">
              The participant's record was created; only the admission still needs saving.{' '}
              <Anchor component={Link} to={`/participants/${createdId}`}>
                Open their record
              </Anchor>
            </Text>
          )}
          {problem && <ProblemAlert error={problem.error} extra={problem.extra} title="Could not save" />}
          <Stepper active={step} onStepClick={(s) => s < step && setStep(s)} allowNextStepsSelect={false} size={narrow ? 'xs' : 'sm'} iconSize={narrow ? 26 : undefined} wrap={!narrow}>
            <Stepper.Step label="Profile" description={narrow ? undefined : 'Who they are'}>
              <Stack gap="sm" mt="md">
                <ProfileFields form={profile} />
                {shownDuplicates.length > 0 && (
                  <Alert color="orange" variant="light" title="This person may already have a record">
                    <Text size="sm">
                      {shownDuplicates.length === 1 ? 'A record has' : `${shownDuplicates.length} records have`} the same name and date of birth:
                    </Text>
                    <List size="sm" my="xs">
                      {shownDuplicates.map((d) => (
                        <List.Item key={d.id}>
                          <Anchor component={Link} to={`/participants/${d.id}`}>
                            {d.displayName}
                          </Anchor>
                          , born {formatDate(d.dateOfBirth)}
                          {d.active ? ' — in a program now' : ''}
                        </List.Item>
                      ))}
                    </List>
                    <Text size="sm" mb="xs">
                      Open their record to admit them again. Create a new record only for a different person.
                    </Text>
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() => {
                        setDifferentPerson(duplicates?.key ?? null);
                        setStep(1);
                      }}
                    >
                      This is a different person
                    </Button>
                  </Alert>
                )}
              </Stack>
            </Stepper.Step>
            <Stepper.Step label="Admission" description={narrow ? undefined : 'Program and track'}>
              <Stack gap="sm" mt="md">
                <AdmissionFields form={admission} />
                <Divider mt="sm" />
                <Stack gap="xs" component="section" aria-label="When they cannot come">
                  <Title order={4}>When they cannot come each week</Title>
                  <Text size="sm" c="dimmed">
                    Work, school or childcare: appointments are booked around these times. Optional; overlapping times are merged when saved.
                  </Text>
                  <WeeklyRuleRows form={weekly} canEdit />
                  <Group>
                    <Button variant="light" size="xs" onClick={() => weekly.insertListItem('rules', newWeeklyRule())}>
                      Add a weekly time
                    </Button>
                  </Group>
                </Stack>
              </Stack>
            </Stepper.Step>
            <Stepper.Step label="Review" description={narrow ? undefined : 'Check and save'}>
              <Table mt="md" variant="vertical" withTableBorder layout="fixed">
                <Table.Tbody>
                  <Table.Tr>
                    <Table.Th w={200}>Name</Table.Th>
                    <Table.Td>
                      {displayNameOf(p)}
                      {p.preferredName.trim() && ` (legal name ${p.givenName} ${p.familyName})`}
                    </Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>Date of birth</Table.Th>
                    <Table.Td>{formatDate(p.dateOfBirth)}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>Program · track</Table.Th>
                    <Table.Td>
                      {programName} · {trackName}
                    </Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>Admitted</Table.Th>
                    <Table.Td>{formatDate(a.admittedOn)}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>Primary clinician</Table.Th>
                    <Table.Td>{clinicianName}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>Expected length</Table.Th>
                    <Table.Td>{a.expectedWeeks === '' ? 'Not set' : `${a.expectedWeeks} weeks`}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>Cannot come</Table.Th>
                    <Table.Td>{weeklyRules.length === 0 ? 'No weekly times' : weeklyRules.map(weeklyRuleText).join('; ')}</Table.Td>
                  </Table.Tr>
                </Table.Tbody>
              </Table>
            </Stepper.Step>
          </Stepper>
          <Group justify="space-between" mt="sm">
            <Button variant="default" onClick={() => (step === 0 ? void navigate('/participants') : setStep((s) => s - 1))} disabled={saving}>
              {step === 0 ? 'Cancel' : 'Back'}
            </Button>
            {step < 2 ? (
              <Button onClick={() => void next()} loading={checking} disabled={shownDuplicates.length > 0}>
                Next
              </Button>
            ) : (
              <Button onClick={() => void submit()} loading={saving} disabled={admittedId !== null}>
                {createdId ? 'Admit' : 'Create and admit'}
              </Button>
            )}
          </Group>
        </Stack>
      </Paper>
    </>
  );
}
