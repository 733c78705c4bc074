import type { ReactNode } from 'react';
import { Group, Stack, Text, Title } from '@mantine/core';
import { usePageTitle } from './page-title.ts';

interface PageHeaderProps {
  title: string;
  /** Shown in the browser tab when it differs from the heading (e.g. a participant's name). */
  documentTitle?: string;
  description?: ReactNode;
  actions?: ReactNode;
  /** Content above the title, e.g. a back link. */
  above?: ReactNode;
}

export function PageHeader({ title, documentTitle, description, actions, above }: PageHeaderProps) {
  usePageTitle(documentTitle ?? title);
  return (
    <Stack gap={4} mb="lg">
      {above}
      <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
        <Stack gap={2} style={{ minWidth: 0, flex: '1 1 320px' }}>
          <Title order={1} fz={{ base: 24, sm: 28 }}>
            {title}
          </Title>
          {description && (
            <Text c="dimmed" size="sm" component="div">
              {description}
            </Text>
          )}
        </Stack>
        {actions && (
          <Group gap="xs" wrap="wrap">
            {actions}
          </Group>
        )}
      </Group>
    </Stack>
  );
}
