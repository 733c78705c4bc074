import { AppShell, Avatar, Burger, Group, Menu, NavLink, ScrollArea, Stack, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { IconChevronDown, IconLogout, IconUserCircle } from '@tabler/icons-react';
import { STAFF_ROLE_LABELS } from '@trellis/core';
import { Link, NavLink as RouterNavLink, Outlet, useLocation } from 'react-router-dom';
import { useEffect } from 'react';
import { useAuth, useMe } from './auth-context.tsx';
import { navItemsFor } from './navigation.ts';
import { Logo } from '../ui/Logo.tsx';
import { can } from './permissions.ts';
import { SafetyAlertBanner } from '../features/safety-alerts/SafetyAlertBanner.tsx';

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('');
}

/** The signed-in frame: header with the person and sign-out, a navbar of the sections their role may use. */
export function AppLayout() {
  const me = useMe();
  const { signOut } = useAuth();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const items = navItemsFor(me);
  const wide = useMediaQuery('(min-width: 75em)', true);
  // Off-screen on a tablet or phone until opened: keep its links out of the tab order and the accessibility tree.
  const navbarHidden = !wide && !opened;

  // On a phone the navbar covers the page; close it once a section is chosen.
  useEffect(() => close(), [location.pathname, close]);

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 220, breakpoint: 'lg', collapsed: { mobile: !opened } }}
      padding={{ base: 'sm', sm: 'lg' }}
    >
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="lg"
              size="sm"
              aria-label={opened ? 'Close navigation' : 'Open navigation'}
              aria-expanded={opened}
              aria-controls="main-navigation"
            />
            <Link to="/" aria-label="Trellis home" style={{ textDecoration: 'none', color: 'inherit' }}>
              <Logo />
            </Link>
          </Group>
          <Menu position="bottom-end" withArrow>
            <Menu.Target>
              <UnstyledButton style={{ borderRadius: 8, padding: '4px 8px' }} title={`Account of ${me.name}`}>
                <Group gap="xs" wrap="nowrap">
                  <Avatar color="teal" radius="xl" size={32} aria-hidden>
                    {initials(me.name)}
                  </Avatar>
                  <Stack gap={0} visibleFrom="sm">
                    <Text size="sm" fw={600} lh={1.2}>
                      {me.name}
                    </Text>
                    <Text size="xs" c="dimmed" lh={1.2}>
                      {STAFF_ROLE_LABELS[me.role]}
                    </Text>
                  </Stack>
                  <IconChevronDown size={16} aria-hidden />
                </Group>
              </UnstyledButton>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>{me.email}</Menu.Label>
              <Menu.Item component={Link} to="/account" leftSection={<IconUserCircle size={16} aria-hidden />}>
                Your account
              </Menu.Item>
              <Menu.Item leftSection={<IconLogout size={16} aria-hidden />} onClick={() => void signOut('signed-out')}>
                Sign out
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main" inert={navbarHidden} aria-hidden={navbarHidden || undefined} id="main-navigation">
        <AppShell.Section grow component={ScrollArea}>
          <nav aria-label="Sections">
            <VisuallyHidden>
              <h2>Sections</h2>
            </VisuallyHidden>
            {items.map((item) => (
              <NavLink
                key={item.to}
                component={RouterNavLink}
                to={item.to}
                label={item.label}
                leftSection={<item.icon size={20} stroke={1.6} aria-hidden />}
                active={location.pathname === item.to || location.pathname.startsWith(`${item.to}/`)}
                variant="light"
                style={{ borderRadius: 8 }}
                fw={500}
              />
            ))}
          </nav>
        </AppShell.Section>
        <AppShell.Section>
          <Text size="xs" c="dimmed" px="sm" pb="xs">
            Signed in as {STAFF_ROLE_LABELS[me.role].toLowerCase()}
          </Text>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1} style={{ outline: 'none' }}>
        <div style={{ maxWidth: 1280, margin: '0 auto' }}>
          {can(me, 'safety-alert.acknowledge') && <SafetyAlertBanner />}
          <Outlet />
        </div>
      </AppShell.Main>
    </AppShell>
  );
}
