import { Alert, Button, Card, Checkbox, List, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { portalPlanSignSchema, type PortalTreatmentPlan } from '@trellis/core';
import { ApiError } from '../../app/api-client.ts';
import { coreRequestForm } from '../../app/core-form.ts';
import { formatDate, formatDateTime } from '../../app/format.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { usePageTitle } from '../../ui/page-title.ts';
import { usePortalTreatmentPlans, useSignTreatmentPlan } from './api.ts';

interface SignDraft {
  contentHash: string;
  signedName: string;
  agreed: boolean;
}

const signForm = coreRequestForm(
  portalPlanSignSchema,
  (d: SignDraft) => ({ contentHash: d.contentHash, signedName: d.signedName, agreed: d.agreed }),
  {
    whenEmpty: { signedName: 'Type your name to sign' },
  },
);

/** The participant signs the plan on screen: the signature is tied to the exact words they read (its hash). */
function SignPlan({ plan }: { plan: PortalTreatmentPlan }) {
  const sign = useSignTreatmentPlan();
  const form = useForm<SignDraft>({
    initialValues: { contentHash: plan.contentHash, signedName: '', agreed: false },
    validate: signForm.validate,
  });
  if (plan.participantSignature) {
    return (
      <Alert color="teal" title="You signed this plan">
        Signed as {plan.participantSignature.signedName} on {formatDateTime(plan.participantSignature.signedAt)}.
      </Alert>
    );
  }
  const submit = form.onSubmit((values) =>
    sign.mutate(signForm.request(values), {
      onError: (error) => {
        if (error instanceof ApiError)
          for (const p of error.errors) form.setFieldError(p.path.replace(/^body\./, ''), p.message);
      },
    }),
  );
  return (
    <form noValidate onSubmit={submit} aria-label={`Sign your ${plan.programName} plan`}>
      <Stack gap="md">
        <Checkbox
          size="md"
          label="I have read my plan and I agree to work on it with my care team."
          {...form.getInputProps('agreed', { type: 'checkbox' })}
        />
        <TextInput
          size="md"
          label="Type your full name to sign"
          autoComplete="name"
          {...form.getInputProps('signedName')}
        />
        {sign.error && <ProblemAlert error={sign.error} title="Your signature was not saved" />}
        <Button type="submit" size="md" fullWidth loading={sign.isPending}>
          Sign my plan
        </Button>
      </Stack>
    </form>
  );
}

function PlanCard({ plan }: { plan: PortalTreatmentPlan }) {
  const { words } = plan;
  return (
    <Card withBorder padding="md" component="article" aria-labelledby={`plan-${plan.number}-heading`}>
      <Stack gap="md">
        <div>
          <Title order={2} size="h4" id={`plan-${plan.number}-heading`}>
            {plan.programName}
          </Title>
          <Text size="sm" c="dimmed">
            Plan version {plan.number}, from {formatDate(plan.effectiveOn)}
          </Text>
        </div>
        {words.goals.map((g, i) => (
          <section key={i} aria-label={`Goal ${i + 1}`}>
            <Text fw={700}>
              Goal {i + 1}: {g.goal}
            </Text>
            <Text size="sm" c="dimmed">
              Because: {g.because}
            </Text>
            <List size="sm" mt="xs" spacing="xs">
              {g.steps.map((s) => (
                <List.Item key={s.id}>
                  <Text size="sm" fw={600}>
                    {s.step}
                  </Text>
                  <Text size="sm">
                    By {formatDate(s.byDate)}. How we will know: {s.howWeWillKnow}.
                  </Text>
                  <Text size="sm">What we will do together: {s.support.join('; ')}.</Text>
                </List.Item>
              ))}
            </List>
          </section>
        ))}
        <div>
          <Text fw={600} size="sm">
            Your schedule
          </Text>
          <Text size="sm">{words.schedule}</Text>
        </div>
        <div>
          <Text fw={600} size="sm">
            Your strengths
          </Text>
          <Text size="sm">{words.strengths}</Text>
        </div>
        <div>
          <Text fw={600} size="sm">
            When you will be ready to finish
          </Text>
          <Text size="sm">{words.whenReadyToFinish}</Text>
        </div>
        <SignPlan plan={plan} />
      </Stack>
    </Card>
  );
}

/** The participant's treatment plan in plain words: goals, the steps toward them, the schedule; and signing it. */
export function PortalTreatmentPlanPage() {
  usePageTitle('My plan');
  const plans = usePortalTreatmentPlans();
  if (plans.isPending) return <Skeleton h={300} aria-label="Loading your plan" />;
  if (plans.isError)
    return (
      <ProblemAlert error={plans.error} title="Your plan could not be loaded" onRetry={() => void plans.refetch()} />
    );
  if (plans.data.plans.length === 0) {
    return (
      <Alert color="blue" title="No plan yet">
        Your clinician writes your plan with you in your first weeks. It will show here once they have signed it.
      </Alert>
    );
  }
  return (
    <Stack gap="lg">
      {plans.data.plans.map((p) => (
        <PlanCard key={`${p.programName}-${p.number}`} plan={p} />
      ))}
    </Stack>
  );
}
