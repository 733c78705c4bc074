import { Alert, List, Text } from '@mantine/core';
import { LEVEL_OF_CARE_FLAG_GUIDANCE, LEVEL_OF_CARE_GUIDANCE_NOTICE, PLACEMENT_LEVEL_LABELS, type AssessmentFlag } from '@trellis/core';

/** The level-of-care flags an assessment's answers point to, each with the answer behind it; labelled as guidance. */
export function FlagGuidance({ flags, title = 'Level-of-care guidance from the answers' }: { flags: readonly AssessmentFlag[]; title?: string }) {
  return (
    <Alert color="gray" variant="light" title={title} aria-label={title}>
      {flags.length === 0 ? (
        <Text size="sm">No answer so far argues against intensive outpatient.</Text>
      ) : (
        <List size="sm" spacing={2}>
          {flags.map((f) => {
            const g = LEVEL_OF_CARE_FLAG_GUIDANCE[f.flag];
            return (
              <List.Item key={f.flag}>
                <Text span fw={600} size="sm">
                  {g.label}
                </Text>{' '}
                (points to {g.direction === 'more' ? 'more care' : 'less care'}: {PLACEMENT_LEVEL_LABELS[g.suggests]}) — {f.because}
              </List.Item>
            );
          })}
        </List>
      )}
      <Text size="xs" c="dimmed" mt={4}>
        {LEVEL_OF_CARE_GUIDANCE_NOTICE}
      </Text>
    </Alert>
  );
}
