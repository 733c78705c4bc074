import { Badge, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { INTERVENTION_MODALITY_LABELS, PLAN_SIGNER_LABELS, type PlanVersionView } from '@trellis/core';
import { DownloadPdfButton } from '../../ui/DownloadPdfButton.tsx';
import { formatDate, formatDateTime } from '../../app/format.ts';

const PER = { day: 'a day', week: 'a week', month: 'a month' } as const;

/** A plan version read-only: its content as signed (or saved), its signatures and those it still needs. */
export function PlanView({ version, staffName }: { version: PlanVersionView; staffName: (id: string) => string }) {
  const plan = version.content;
  return (
    <Stack gap="md">
      <Group gap="xs">
        <Badge color={version.status === 'signed' ? 'teal' : 'gray'}>{version.status === 'signed' ? 'Signed' : 'Draft'}</Badge>
        <Text size="sm">
          Version {version.number} · takes effect {formatDate(plan.effectiveOn)} · {version.weeklyHours} h a week ({plan.schedule.daysPerWeek} days ×{' '}
          {plan.schedule.hoursPerDay} h) for about {plan.schedule.expectedWeeks} weeks
        </Text>
        {version.status === 'signed' && (
          <DownloadPdfButton href={`/api/v1/episodes/${version.episodeId}/treatment-plan/versions/${version.number}/pdf`} what={`plan version ${version.number}`} />
        )}
      </Group>
      {plan.problems.map((p, pi) => (
        <Paper key={pi} withBorder p="md" radius="md">
          <Title order={3} size="h5">
            Problem {pi + 1}: {p.description}
          </Title>
          {p.goals.map((g, gi) => (
            <Stack key={gi} gap={4} mt="sm" ml="md">
              <Text fw={600} size="sm">
                Goal {pi + 1}.{gi + 1}: {g.description}
              </Text>
              <List size="sm" spacing={4}>
                {g.objectives.map((o, oi) => (
                  <List.Item key={o.id}>
                    <Text size="sm" span fw={500}>
                      {pi + 1}.{gi + 1}.{oi + 1} {o.description}
                    </Text>{' '}
                    <Text size="sm" span c="dimmed">
                      — by {formatDate(o.targetDate)}; measured by {o.measuredBy}
                    </Text>
                    <List size="xs" withPadding>
                      {o.interventions.map((i, ii) => (
                        <List.Item key={ii}>
                          {INTERVENTION_MODALITY_LABELS[i.modality]}, {i.frequency.times}× {PER[i.frequency.per]} — {staffName(i.responsibleStaffId)}
                          {i.description ? `: ${i.description}` : ''}
                        </List.Item>
                      ))}
                    </List>
                  </List.Item>
                ))}
              </List>
            </Stack>
          ))}
        </Paper>
      ))}
      <div>
        <Text fw={600} size="sm">
          Strengths
        </Text>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {plan.strengths}
        </Text>
      </div>
      <div>
        <Text fw={600} size="sm">
          Discharge criteria
        </Text>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {plan.dischargeCriteria}
        </Text>
      </div>
      {version.status === 'signed' && (
        <div>
          <Text fw={600} size="sm">
            Signatures
          </Text>
          <List size="sm">
            {version.signatures.map((s) => (
              <List.Item key={s.signer}>
                {PLAN_SIGNER_LABELS[s.signer]}: {s.signedName}, {formatDateTime(s.signedAt)}
                {s.signer !== 'participant' ? '' : s.method === 'portal' ? ' (in the portal)' : ` (in person, taken by ${s.recordedBy.name})`}
              </List.Item>
            ))}
          </List>
          {version.missingSignatures.length > 0 && (
            <Text size="sm" c="orange">
              Still needs: {version.missingSignatures.map((s) => PLAN_SIGNER_LABELS[s]).join(', ')}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            Content hash {version.contentHash}
          </Text>
        </div>
      )}
    </Stack>
  );
}
