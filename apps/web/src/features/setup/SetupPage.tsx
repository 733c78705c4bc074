import { Tabs } from '@mantine/core';
import { IconBuilding, IconCalendarOff, IconCalendarRepeat, IconDoor, IconStack2 } from '@tabler/icons-react';
import { Navigate, useNavigate, useParams } from 'react-router-dom';
import { useAuth } from '../../app/auth-context.tsx';
import { can } from '../../app/permissions.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { SitesPanel } from './SitesPanel.tsx';
import { RoomsPanel } from './RoomsPanel.tsx';
import { ProgramsPanel } from './ProgramsPanel.tsx';
import { TracksPanel } from './TracksPanel.tsx';
import { ClosuresPanel } from './ClosuresPanel.tsx';

const TABS = [
  { value: 'sites', label: 'Sites', icon: IconBuilding },
  { value: 'rooms', label: 'Rooms', icon: IconDoor },
  { value: 'programs', label: 'Programs', icon: IconStack2 },
  { value: 'tracks', label: 'Tracks', icon: IconCalendarRepeat },
  { value: 'closures', label: 'Closures', icon: IconCalendarOff },
] as const;
type SetupTab = (typeof TABS)[number]['value'];

function isTab(value: string | undefined): value is SetupTab {
  return TABS.some((t) => t.value === value);
}

/** Program setup: sites and their time zones, rooms, programs with their hour requirements, tracks with weekly templates. */
export function SetupPage() {
  const { tab } = useParams();
  const navigate = useNavigate();
  const { me } = useAuth();
  const canWrite = can(me, 'setup.write');
  if (!isTab(tab)) return <Navigate to="/setup/sites" replace />;
  const label = TABS.find((t) => t.value === tab)?.label ?? 'Setup';

  return (
    <>
      <PageHeader
        title="Setup"
        documentTitle={`Setup: ${label}`}
        description={canWrite ? 'Sites, rooms, programs and tracks of your organisation.' : 'Sites, rooms, programs and tracks. Only directors and administrators can change them.'}
      />
      <Tabs value={tab} onChange={(v) => v && void navigate(`/setup/${v}`)} keepMounted={false}>
        <Tabs.List mb="md">
          {TABS.map((t) => (
            <Tabs.Tab key={t.value} value={t.value} leftSection={<t.icon size={16} aria-hidden />}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="sites">
          <SitesPanel canWrite={canWrite} />
        </Tabs.Panel>
        <Tabs.Panel value="rooms">
          <RoomsPanel canWrite={canWrite} />
        </Tabs.Panel>
        <Tabs.Panel value="programs">
          <ProgramsPanel canWrite={canWrite} />
        </Tabs.Panel>
        <Tabs.Panel value="tracks">
          <TracksPanel canWrite={canWrite} />
        </Tabs.Panel>
        <Tabs.Panel value="closures">
          <ClosuresPanel canWrite={canWrite} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
