/**
 * The roster rule, held once: every query that lists or counts who is expected at a session (the session list's
 * expected count, the roll, the census and ledger, a participant's attendance history) must agree with core's
 * `isExpectedAt` on a fixture built where the old hand-written queries disagreed (membership starting before
 * admission, discharge with the membership left open, a readmission onto the same track, a move off the track, a
 * session with a chosen roster, guests booked onto a track session as a make-up — one of them a member already).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { isExpectedAt } from '@trellis/core';
import { startTestApp, type TestApp, type TestOrg } from '../../testing/harness.ts';
import { episode, participant, session, sessionRoster, trackMembership } from '../../db/schema.ts';
import { rowsOf } from '../participants/list-query.ts';
import { assignToProgram, buildProgram, buildSite, buildTrack, buildWeeklySessions, type TrackFixture } from '../ledger/fixtures.ts';

const MONDAY = '2026-11-09';
const NOW = '2026-11-18T15:00:00Z';

describe('the roster rule holds every caller', () => {
  let t: TestApp;
  let org: TestOrg;
  let track: TrackFixture;
  let other: TrackFixture;
  let sessionIds: string[] = [];
  const people: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    org = await t.createOrg('Roster rule');
    const db = t.database.db;
    const at = await buildSite(db, org.orgId);
    const prog = await buildProgram(db, at);
    await assignToProgram(db, org.orgId, org.staff.clinician.id, prog.id);
    track = await buildTrack(db, prog);
    other = await buildTrack(db, prog);
    const days = await buildWeeklySessions(db, track, { weekdays: [1, 2, 3, 4, 5], startTime: '09:00', endTime: '10:00', fromMonday: MONDAY, weeks: 1 });
    await buildWeeklySessions(db, other, { weekdays: [1, 2, 3, 4, 5], startTime: '11:00', endTime: '12:00', fromMonday: MONDAY, weeks: 1 });
    sessionIds = [...days.values()];

    const person = async (name: string) => {
      const [p] = await db
        .insert(participant)
        .values({ orgId: org.orgId, givenName: name, familyName: 'Roster', dateOfBirth: '1980-01-01' })
        .returning({ id: participant.id });
      people[name] = p!.id;
      return p!.id;
    };
    const stay = async (
      participantId: string,
      admittedOn: string,
      dischargedOn: string | null,
      memberships: { trackId: string; from: string; to: string | null }[],
    ) => {
      const [e] = await db
        .insert(episode)
        .values({
          orgId: org.orgId,
          participantId,
          programId: prog.id,
          part2: false,
          admittedOn,
          status: dischargedOn ? 'discharged' : 'active',
          dischargedOn,
          disposition: dischargedOn ? 'completed' : null,
        })
        .returning({ id: episode.id });
      for (const m of memberships) {
        await db.insert(trackMembership).values({ orgId: org.orgId, episodeId: e!.id, participantId, trackId: m.trackId, fromDate: m.from, toDate: m.to });
      }
      return e!.id;
    };
    // Membership dated before admission: expected from Wednesday's admission only.
    await stay(await person('Early'), '2026-11-11', null, [{ trackId: track.id, from: '2026-11-09', to: null }]);
    // Moved to the other track from Wednesday.
    await stay(await person('Mover'), '2026-11-02', null, [
      { trackId: track.id, from: '2026-11-02', to: '2026-11-10' },
      { trackId: other.id, from: '2026-11-11', to: null },
    ]);
    // Discharged Thursday with the membership left open.
    await stay(await person('Leaver'), '2026-11-02', '2026-11-12', [{ trackId: track.id, from: '2026-11-02', to: null }]);
    // Discharged Tuesday, readmitted Thursday onto the same track.
    const back = await person('Returner');
    await stay(back, '2026-11-02', '2026-11-10', [{ trackId: track.id, from: '2026-11-02', to: null }]);
    await stay(back, '2026-11-12', null, [{ trackId: track.id, from: '2026-11-12', to: null }]);
    // Admitted after the week: expected nowhere in it.
    await stay(await person('Later'), '2026-11-16', null, [{ trackId: track.id, from: '2026-11-16', to: null }]);
    // A make-up on Wednesday with a chosen roster: only Mover (now on the other track) is expected.
    const [makeUp] = await db
      .insert(session)
      .values({
        orgId: org.orgId,
        trackId: track.id,
        programId: prog.id,
        siteId: at.id,
        title: 'Make-up',
        kind: 'group_therapy',
        localDate: '2026-11-11',
        startsAt: '2026-11-11T20:00:00Z',
        endsAt: '2026-11-11T21:00:00Z',
        capacity: 12,
        oneOff: true,
        chosenRoster: true,
      })
      .returning({ id: session.id });
    const moverEpisode = rowsOf<{ id: string }>(
      await db.execute(sql`select id from episode where participant_id = ${people.Mover}`),
    )[0]!.id;
    await db.insert(sessionRoster).values({ orgId: org.orgId, sessionId: makeUp!.id, participantId: people.Mover!, episodeId: moverEpisode });
    sessionIds.push(makeUp!.id);
    // Make-ups booked as guests on Thursday's ordinary track session: Mover (on the other track by then) is expected
    // there; Early, a member of the track already, is expected once, through the membership.
    const earlyEpisode = rowsOf<{ id: string }>(await db.execute(sql`select id from episode where participant_id = ${people.Early}`))[0]!.id;
    await db.insert(sessionRoster).values([
      { orgId: org.orgId, sessionId: days.get('2026-11-12')!, participantId: people.Mover!, episodeId: moverEpisode },
      { orgId: org.orgId, sessionId: days.get('2026-11-12')!, participantId: people.Early!, episodeId: earlyEpisode },
    ]);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  /** Expected participant ids per session, computed in TypeScript by the core predicate over the stored rows. */
  async function expectedByCore(): Promise<Map<string, Set<string>>> {
    const db = t.database.db;
    const sessions = rowsOf<{ id: string; track_id: string; local_date: string; chosen_roster: boolean }>(
      await db.execute(sql`select id, track_id, local_date::text as local_date, chosen_roster from session where org_id = ${org.orgId}`),
    );
    const episodes = new Map(
      rowsOf<{ id: string; admitted_on: string; discharged_on: string | null }>(
        await db.execute(sql`select id, admitted_on::text as admitted_on, discharged_on::text as discharged_on from episode where org_id = ${org.orgId}`),
      ).map((e) => [e.id, { admittedOn: e.admitted_on, dischargedOn: e.discharged_on }]),
    );
    const memberships = rowsOf<{ episode_id: string; participant_id: string; track_id: string; from_date: string; to_date: string | null }>(
      await db.execute(sql`select episode_id, participant_id, track_id, from_date::text as from_date, to_date::text as to_date from track_membership where org_id = ${org.orgId}`),
    );
    const chosen = rowsOf<{ session_id: string; participant_id: string; episode_id: string }>(
      await db.execute(sql`select session_id, participant_id, episode_id from session_roster where org_id = ${org.orgId}`),
    );
    const out = new Map<string, Set<string>>();
    for (const s of sessions) {
      const set = new Set<string>();
      const rs = { localDate: s.local_date, chosenRoster: s.chosen_roster };
      for (const m of memberships) {
        if (m.track_id !== s.track_id) continue;
        if (isExpectedAt(rs, episodes.get(m.episode_id)!, { membership: { from: m.from_date, to: m.to_date } })) set.add(m.participant_id);
      }
      for (const c of chosen) {
        if (c.session_id === s.id && isExpectedAt(rs, episodes.get(c.episode_id)!, { chosen: true })) set.add(c.participant_id);
      }
      out.set(s.id, set);
    }
    return out;
  }

  it('the fixture is one where the rule matters', async () => {
    const expected = await expectedByCore();
    const names = (id: string) => Object.keys(people).find((k) => people[k] === id);
    const byDate = rowsOf<{ id: string; local_date: string; title: string }>(
      await t.database.db.execute(sql`select id, local_date::text as local_date, title from session where org_id = ${org.orgId} and track_id = ${track.id} order by starts_at`),
    ).map((s) => `${s.local_date} ${s.title}: ${[...expected.get(s.id)!].map(names).sort().join(',')}`);
    expect(byDate).toEqual([
      '2026-11-09 Group therapy: Leaver,Mover,Returner',
      '2026-11-10 Group therapy: Leaver,Mover,Returner',
      '2026-11-11 Group therapy: Early,Leaver',
      '2026-11-11 Make-up: Mover',
      '2026-11-12 Group therapy: Early,Leaver,Mover,Returner',
      '2026-11-13 Group therapy: Early,Returner',
    ]);
  });

  it('trellis_session_roster answers the core rule for every session', async () => {
    const expected = await expectedByCore();
    for (const id of sessionIds) {
      const rows = rowsOf<{ participant_id: string }>(
        await t.database.db.execute(sql`select participant_id from trellis_session_roster(${org.orgId}, ${id})`),
      );
      expect(new Set(rows.map((r) => r.participant_id)), id).toEqual(expected.get(id));
    }
  });

  it('the session list counts the same roster', async () => {
    const expected = await expectedByCore();
    const res = await t.as(org.staff.director, { method: 'GET', url: `/api/v1/sessions?from=${MONDAY}&to=2026-11-15` });
    expect(res.statusCode).toBe(200);
    const list = res.json<{ items: { id: string; expectedCount: number }[] }>().items;
    expect(list.length).toBe(11);
    for (const s of list) expect(s.expectedCount, s.id).toBe(expected.get(s.id)!.size);
  });

  it('the roll lists the same roster', async () => {
    const expected = await expectedByCore();
    for (const id of sessionIds) {
      const res = await t.as(org.staff.director, { method: 'GET', url: `/api/v1/sessions/${id}/roll` });
      expect(res.statusCode).toBe(200);
      // No marks are taken in this fixture, so the roll's entries are exactly its roster.
      const entries = res.json<{ entries: { participantId: string }[] }>().entries;
      expect(new Set(entries.map((r) => r.participantId)), id).toEqual(expected.get(id));
    }
  });

  it("the census counts each participant's expected sessions of the week", async () => {
    const expected = await expectedByCore();
    const perPerson = new Map<string, number>();
    for (const set of expected.values()) for (const p of set) perPerson.set(p, (perPerson.get(p) ?? 0) + 1);
    const res = await t.as(org.staff.director, { method: 'GET', url: `/api/v1/census?week=${MONDAY}` });
    expect(res.statusCode).toBe(200);
    const sessionsSeen = new Map<string, number>();
    for (const row of res.json<{ rows: { participantId: string; ledger: { unrecordedMinutes: number } }[] }>().rows) {
      sessionsSeen.set(row.participantId, (sessionsSeen.get(row.participantId) ?? 0) + row.ledger.unrecordedMinutes / 60);
    }
    expect(sessionsSeen).toEqual(perPerson);
  });

  it('each attendance history lists the sessions the rule expected', async () => {
    const expected = await expectedByCore();
    const trackSessions = new Set(sessionIds);
    for (const [name, id] of Object.entries(people)) {
      const res = await t.as(org.staff.director, { method: 'GET', url: `/api/v1/participants/${id}/attendance?limit=100` });
      expect(res.statusCode).toBe(200);
      const seen = res.json<{ items: { sessionId: string }[] }>().items.map((i) => i.sessionId).filter((s) => trackSessions.has(s));
      const want = [...expected].filter(([, set]) => set.has(id)).map(([s]) => s).filter((s) => trackSessions.has(s));
      expect(new Set(seen), name).toEqual(new Set(want));
    }
  });
});
