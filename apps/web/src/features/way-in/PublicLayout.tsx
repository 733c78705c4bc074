import { Anchor, Container, Group, Stack, Title } from '@mantine/core';
import { NavLink, Outlet, useParams } from 'react-router-dom';
import { CrisisResources } from './CrisisResources.tsx';
import { useProgramPage } from './public-api.ts';

/**
 * The public pages' frame (no sign-in): the organisation's name, three links, and the crisis resources on every page.
 * Mobile first: one column, large touch targets.
 */
export function PublicLayout() {
  const { orgSlug = '' } = useParams();
  const page = useProgramPage(orgSlug);
  const links = [
    { to: `/p/${orgSlug}`, label: 'Programs', end: true },
    { to: `/p/${orgSlug}/self-check`, label: 'Is an IOP right for me?', end: false },
    { to: `/p/${orgSlug}/request`, label: 'Request an assessment', end: false },
  ];
  return (
    <Container size="sm" px="md" py="md">
      <Stack gap="md">
        <header>
          <Title order={2} size="h3">
            {page.data?.organisation.name ?? 'Programs'}
          </Title>
          <nav aria-label="Public pages">
            <Group gap="md" mt="xs">
              {links.map((l) => (
                <Anchor key={l.to} component={NavLink} to={l.to} end={l.end} size="sm" py={6}>
                  {l.label}
                </Anchor>
              ))}
            </Group>
          </nav>
        </header>
        <CrisisResources />
        <main>
          <Outlet />
        </main>
      </Stack>
    </Container>
  );
}
