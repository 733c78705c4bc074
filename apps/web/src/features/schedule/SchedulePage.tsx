import { useEffect, useState } from 'react';
import { Button, Group, Paper, Select, Skeleton, Stack, Text } from '@mantine/core';
import { IconPlus, IconSettings } from '@tabler/icons-react';
import { Link, useSearchParams } from 'react-router-dom';
import { addDays, weekdayOf } from '@trellis/core';
import type { SessionSummary } from '../../api/types.ts';
import { useAuth } from '../../app/auth-context.tsx';
import { can } from '../../app/permissions.ts';
import { zoneAbbreviation } from '../../app/format.ts';
import { useMyProgramIds } from '../../app/use-my-programs.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { WeekNavigator } from '../../ui/WeekNavigator.tsx';
import { usePrograms, useSites, useTracks } from '../setup/api.ts';
import { useSessions } from './api.ts';
import { rememberedWeek, rememberWeek } from '../../app/selected-week.ts';
import { thisOrThatWeek } from '../../app/week-tense.ts';
import { WeekCalendar } from './WeekCalendar.tsx';
import { AddSessionModal } from './AddSessionModal.tsx';
import { CancelSessionModal } from './CancelSessionModal.tsx';

function CalendarSkeleton() {
  return (
    <Group grow gap={6} align="stretch" role="status" aria-label="Loading the week">
      {Array.from({ length: 7 }, (_, i) => (
        <Skeleton key={i} height={240} />
      ))}
    </Group>
  );
}

/** The week's sessions at a site, by day, in the site's time zone; a session opens its roll. */
export function SchedulePage() {
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const sites = useSites();
  const programs = usePrograms();
  const tracks = useTracks();
  const [adding, setAdding] = useState(false);
  const [cancelling, setCancelling] = useState<SessionSummary | null>(null);

  const { programIds: myPrograms, pending: myProgramsPending } = useMyProgramIds();
  // Without a choice, start at the site of the first program the person works in (or the first site).
  const mySiteId = (programs.data ?? []).find((p) => myPrograms?.has(p.id))?.siteId;
  // The last site chosen on this device comes first, then the site of the person's own programs, then the first site.
  const rememberedSiteId = sites.data?.find((s) => s.id === readRememberedSite())?.id;
  const siteId =
    params.get('site') ??
    (myProgramsPending || programs.isPending ? null : (rememberedSiteId ?? mySiteId ?? sites.data?.[0]?.id ?? null));
  const site = sites.data?.find((s) => s.id === siteId) ?? null;
  const trackId = params.get('track');
  const zone = site?.timeZone ?? null;
  // The address wins; without one, the week last chosen here or on the census.
  const weekInAddress = params.get('week');
  const weekParam = weekInAddress ?? rememberedWeek();
  useEffect(() => {
    if (weekInAddress) rememberWeek(weekInAddress);
  }, [weekInAddress]);

  const siteProgramIds = new Set((programs.data ?? []).filter((p) => p.siteId === siteId).map((p) => p.id));
  const siteTracks = (tracks.data ?? []).filter((t) => siteProgramIds.has(t.programId) && t.active);
  // Without a chosen week the server lists the week under way at the site, on its own clock; it also says what
  // today is there and whether the week shown is over, so a browser on another clock or zone cannot get it wrong.
  const sessions = useSessions(siteId ? { from: weekParam, to: weekParam && addDays(weekParam, 6), siteId, trackId } : null);
  const today = sessions.data?.today ?? null;
  const thisMonday = today ? addDays(today, 1 - weekdayOf(today)) : null;
  const monday = weekParam ?? sessions.data?.from ?? null;
  const tense = sessions.data?.tense ?? 'current';

  const update = (next: Record<string, string | null>) =>
    setParams(
      (current) => {
        const out = new URLSearchParams(current);
        for (const [k, v] of Object.entries(next)) {
          if (v) out.set(k, v);
          else out.delete(k);
        }
        return out;
      },
      { replace: true },
    );

  const canWrite = can(me, 'session.write');
  const canRoll = can(me, 'attendance.read');
  // Clinicians and prescribers may open rolls only in the programs they work in; the server refuses the rest.
  const canOpenRoll = (s: SessionSummary) => canRoll && (!myPrograms || myPrograms.has(s.programId));
  const list = sessions.data?.items ?? [];

  return (
    <>
      <PageHeader
        title="Schedule"
        description={
          site && zone ? `Times at ${site.name} are in its local time (${zoneAbbreviation(new Date().toISOString(), zone)}, ${zone}).` : 'Sessions by week.'
        }
        actions={
          <>
            <WeekNavigator monday={monday} isCurrent={!weekParam || weekParam === thisMonday} onChange={(m) => {
              const chosen = m === thisMonday ? null : m;
              rememberWeek(chosen);
              update({ week: chosen });
            }} />
            {canWrite && site && (
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setAdding(true)} disabled={siteTracks.length === 0}>
                Add session
              </Button>
            )}
          </>
        }
      />
      <Stack gap="md">
        <Paper withBorder radius="md" p="md">
          <Group gap="sm" align="flex-end" wrap="wrap">
            <Select
              label="Site"
              data={(sites.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
              value={siteId}
              onChange={(v) => {
                rememberSite(v);
                update({ site: v, track: null });
              }}
              allowDeselect={false}
              placeholder={sites.isPending ? 'Loading…' : 'Choose a site'}
              w={{ base: '100%', xs: 240 }}
            />
            <Select
              label="Track"
              placeholder="All tracks"
              data={siteTracks.map((t) => ({ value: t.id, label: `${t.programName} · ${t.name}` }))}
              value={trackId}
              onChange={(v) => update({ track: v })}
              clearable
              searchable
              w={{ base: '100%', xs: 320 }}
            />
          </Group>
        </Paper>

        {sites.isError && <ProblemAlert error={sites.error} title="Sites could not be loaded" onRetry={() => void sites.refetch()} />}
        {sites.isSuccess && sites.data.length === 0 && (
          <EmptyState
            title="No sites yet"
            action={
              can(me, 'setup.write') && (
                <Button component={Link} to="/setup/sites" leftSection={<IconSettings size={16} aria-hidden />}>
                  Set up a site
                </Button>
              )
            }
          >
            The schedule shows the sessions of a site. An administrator sets up sites, programs and tracks first.
          </EmptyState>
        )}
        {(sites.isPending || myProgramsPending || (sessions.isPending && !!siteId)) && <CalendarSkeleton />}
        {sessions.isError && <ProblemAlert error={sessions.error} title="Sessions could not be loaded" onRetry={() => void sessions.refetch()} />}
        {sessions.isSuccess && monday && today && (
          <>
            {list.length === 0 ? (
              <EmptyState
                title={`No sessions ${thisOrThatWeek(tense)}`}
                action={
                  <Group gap="xs">
                    {canWrite && siteTracks.length > 0 && (
                      <Button variant="light" onClick={() => setAdding(true)}>
                        Add a one-off session
                      </Button>
                    )}
                    {can(me, 'setup.read') && (
                      <Button component={Link} to="/setup/tracks" variant="default">
                        See track templates
                      </Button>
                    )}
                  </Group>
                }
              >
                Tracks' weekly templates create sessions automatically; a track without blocks, or a week outside the planning horizon,
                shows nothing here.
              </EmptyState>
            ) : (
              <WeekCalendar monday={monday} today={today} sessions={list} canOpenRoll={canOpenRoll} canCancel={canWrite} onCancel={setCancelling} />
            )}
            <Text size="xs" c="dimmed">
              {list.filter((s) => s.status === 'scheduled').length} scheduled, {list.filter((s) => s.status === 'cancelled').length} cancelled
              {list.some((s) => s.rollNotTaken) ? `, ${list.filter((s) => s.rollNotTaken).length} with the roll not taken` : ''}.
              {canRoll ? ' Select a session to take or review its roll.' : ''}
            </Text>
          </>
        )}
      </Stack>
      {adding && siteId && monday && today && (
        <AddSessionModal
          siteId={siteId}
          tracks={trackId ? siteTracks.filter((t) => t.id === trackId) : siteTracks}
          defaultDate={today >= monday && today <= addDays(monday, 6) ? today : monday}
          onClose={() => setAdding(false)}
        />
      )}
      {cancelling && <CancelSessionModal session={cancelling} onClose={() => setCancelling(null)} />}
    </>
  );
}

const REMEMBERED_SITE_KEY = 'trellis.schedule.site';

function readRememberedSite(): string | null {
  try {
    return window.localStorage.getItem(REMEMBERED_SITE_KEY);
  } catch {
    return null;
  }
}

function rememberSite(siteId: string | null): void {
  try {
    if (siteId) window.localStorage.setItem(REMEMBERED_SITE_KEY, siteId);
  } catch {
    // Private browsing may refuse storage; the choice is then simply not remembered.
  }
}
