import { Button, Center, Container, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { isApiError } from '../../app/api-client.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { CrisisResources } from '../way-in/CrisisResources.tsx';
import { signOutOfPortal, usePortalMe } from './api.ts';
import { PORTAL_WORDS, type PortalKind } from './portal-kinds.ts';

/** What the frame reads of the "who is signed in" query. */
interface MeQuery {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data?: { name: string } | undefined;
}

/** The portal's pages, in the order a participant reaches for them. */
export const PORTAL_PAGES = [
  { to: '/portal', label: 'My week' },
  { to: '/portal/check-in', label: 'Check-in' },
  { to: '/portal/plan', label: 'My plan' },
  { to: '/portal/relapse-plan', label: 'Relapse prevention plan' },
  { to: '/portal/safety-plan', label: 'Safety plan' },
  { to: '/portal/skills', label: 'Skills' },
] as const;

function PortalNav() {
  const { pathname } = useLocation();
  return (
    <nav aria-label="Portal">
      <Group gap="xs">
        {PORTAL_PAGES.map((p) => {
          const current = pathname === p.to;
          return (
            <Button key={p.to} component={NavLink} to={p.to} end size="sm" variant={current ? 'filled' : 'default'} aria-current={current ? 'page' : undefined}>
              {p.label}
            </Button>
          );
        })}
      </Group>
    </nav>
  );
}

/**
 * A portal's frame for whoever is signed in to it: their name, sign out, and the crisis resources on every page.
 * Mobile first: one column, large touch targets. Nobody signed in goes to the portal's sign-in.
 */
export function PortalFrame({ kind, me }: { kind: PortalKind; me: MeQuery }) {
  const words = PORTAL_WORDS[kind];
  const navigate = useNavigate();
  const location = useLocation();
  const client = useQueryClient();

  if (me.isPending) {
    return (
      <Center mih="50vh" role="status" aria-label="Loading">
        <Loader />
      </Center>
    );
  }
  if (me.isError && isApiError(me.error, 401)) {
    return <Navigate to={`${words.path}/sign-in?next=${encodeURIComponent(location.pathname)}`} replace />;
  }

  const signOut = async () => {
    await signOutOfPortal().catch(() => undefined);
    client.clear();
    void navigate(`${words.path}/sign-in?reason=signed-out`, { replace: true });
  };

  return (
    <Container size="xs" px="md" py="md">
      <Stack gap="md">
        <header>
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <div style={{ minWidth: 0 }}>
              <Title order={1} size="h3">
                {words.heading}
              </Title>
              {me.data && (
                <Text size="sm" c="dimmed">
                  {me.data.name}
                </Text>
              )}
            </div>
            {/* Never squeezed: on a phone a long heading wraps instead of cutting the button's words off. */}
            <Button variant="default" size="md" style={{ flexShrink: 0 }} onClick={() => void signOut()}>
              Sign out
            </Button>
          </Group>
        </header>
        {/* The participant's pages; the family portal is one page, and a family member cannot open these. */}
        {kind === 'participant' && <PortalNav />}
        <CrisisResources />
        <main>{me.isError ? <ProblemAlert error={me.error} /> : <Outlet />}</main>
      </Stack>
    </Container>
  );
}

/** The participant portal's frame. */
export function PortalLayout() {
  return <PortalFrame kind="participant" me={usePortalMe()} />;
}
