import { Component, type ReactNode } from 'react';
import { Alert, Anchor, Container, Group, Stack, Title } from '@mantine/core';
import { CrisisResources } from './CrisisResources.tsx';
import { useProgramPage } from './public-api.ts';
import { PublicLink, usePublicLocation, type PublicPageName } from './public-route.tsx';

/**
 * The public pages' frame (no sign-in): the organisation's name, three links, and the crisis resources on every page.
 * Mobile first: one column, large touch targets.
 */
export function PublicLayout({ children }: { children: ReactNode }) {
  const { orgSlug, page: current } = usePublicLocation();
  const page = useProgramPage(orgSlug);
  const links: { to: string; label: string; page: PublicPageName }[] = [
    { to: `/p/${orgSlug}`, label: 'Programs', page: 'programs' },
    { to: `/p/${orgSlug}/self-check`, label: 'Is an IOP right for me?', page: 'self-check' },
    { to: `/p/${orgSlug}/request`, label: 'Request an assessment', page: 'request' },
  ];
  return (
    <Container size="sm" px="md" py="md">
      <Stack gap="md">
        <header>
          <Title order={2} size="h3">
            {page.data?.organisation.name ?? 'Programs'}
          </Title>
          <nav aria-label="Public pages">
            {/* On a phone the links wrap: the rows sit close, as one menu, not as separate lines of the page. */}
            <Group gap="md" mt="xs" style={{ rowGap: 0 }}>
              {links.map((l) => (
                <Anchor
                  key={l.to}
                  component={PublicLink}
                  href={l.to}
                  aria-current={l.page === current ? 'page' : undefined}
                  // The page one is on, marked for the eye too, not only for a screen reader.
                  fw={l.page === current ? 700 : undefined}
                  underline={l.page === current ? 'always' : 'hover'}
                  size="sm"
                  py={6}
                >
                  {l.label}
                </Anchor>
              ))}
            </Group>
          </nav>
        </header>
        <CrisisResources />
        <main>
          <PageFailure key={current}>{children}</PageFailure>
        </main>
      </Stack>
    </Container>
  );
}

/** A page that fails to render says so in plain words; the frame, with the crisis resources, stays. */
class PageFailure extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <Alert color="red" title="This page could not be shown" role="alert">
        Reload the page; if it happens again, call the program.
      </Alert>
    );
  }
}

/** An address under the organisation that is not one of its pages. */
export function PublicNotFound() {
  const { orgSlug } = usePublicLocation();
  return (
    <Alert color="gray" title="There is no page here">
      The address may be mistyped or out of date.{' '}
      <Anchor component={PublicLink} href={`/p/${orgSlug}`}>
        See the programs
      </Anchor>
    </Alert>
  );
}
