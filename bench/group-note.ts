/**
 * Scenario: signing a group note for 15 attendees — the use case `signGroupNote` (session and roll by the roster rule,
 * every check, near-duplicate comparison, 15 hashed chart notes, the group note locked, 16 audit events, the answer
 * built) — against inserting the same 15 chart-note rows with one bare statement, on the same database in the same
 * run, alternately. On PostgreSQL (goal: under 50 ms and under 5× the bare insert) and on embedded PGlite.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../apps/server/src/db/index.ts';
import { openDatabase, rowsOf } from '../apps/server/src/db/index.ts';
import { clinicalNote } from '../apps/server/src/db/schema.ts';
import type { Actor } from '../apps/server/src/auth/access.ts';
import { systemClock } from '../apps/server/src/clock.ts';
import { noteContentHash } from '../apps/server/src/features/notes/content-hash.ts';
import { saveGroupNote, signGroupNote } from '../apps/server/src/features/notes/group-service.ts';
import { createOrganisation, createStaff } from '../apps/server/src/features/organisations/service.ts';
import { BENCH_PASSWORD } from './fixtures.ts';
import { freshPostgres, median, type Scenario } from './support.ts';

const ATTENDEES = 15;

/** Words enough that no two attendees' entries read alike (the near-duplicate check must pass, as in real use). */
const WORDS = 'anchor breath craving evening family garden hobby journal kettle ladder morning neighbour orchard pocket quiet river shelter timer umbrella violin window'.split(' ');
function entryText(i: number, n: number): string {
  // A small linear congruential generator per (round, attendee): random-looking word orders share few word pairs.
  let state = (i * 1_000_003 + n * 7_919 + 17) >>> 0;
  return Array.from({ length: 24 }, () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return WORDS[state % WORDS.length];
  }).join(' ');
}

interface Fixture {
  actor: Actor;
  sessionIds: string[];
  participants: { participantId: string; episodeId: string }[];
}

/** One organisation, a clinician, a program and track with 15 members, `sessions` ended sessions all attended. */
async function build(db: Db, sessions: number): Promise<Fixture> {
  const orgId = await createOrganisation(db, { name: 'Bench Notes', slug: `bench-notes-${Date.now()}` });
  const userId = await createStaff(db, { orgId, name: 'Bench Clinician', email: `clinician-${orgId}@bench.test`, role: 'clinician', password: BENCH_PASSWORD });
  const [ids] = rowsOf<{ program_id: string; track_id: string; site_id: string }>(
    await db.execute(sql`
      with s as (insert into site (org_id, name, time_zone) values (${orgId}, 'Bench Site', 'America/New_York') returning id),
           p as (insert into program (org_id, site_id, name, level_of_care, population, focus, part2, min_weekly_minutes, max_weekly_minutes, per_diem_min_minutes)
                 select ${orgId}, s.id, 'Bench IOP', 'iop', 'adult', 'mental_health', false, 540, 1140, 180 from s returning id, site_id),
           t as (insert into track (org_id, program_id, name) select ${orgId}, p.id, 'Bench track' from p returning id, program_id)
      select t.program_id, t.id as track_id, p.site_id from t join p on p.id = t.program_id`),
  );
  await db.execute(sql`insert into staff_program (org_id, user_id, program_id) values (${orgId}, ${userId}, ${ids!.program_id})`);
  await db.execute(sql`
    insert into participant (org_id, given_name, family_name, date_of_birth)
    select ${orgId}, 'Given' || n, 'Family' || n, date '1990-01-01' + n from generate_series(1, ${ATTENDEES}) n`);
  await db.execute(sql`
    insert into episode (org_id, participant_id, program_id, part2, admitted_on, primary_clinician_id)
    select org_id, id, ${ids!.program_id}, false, current_date - 60, ${userId} from participant where org_id = ${orgId}`);
  await db.execute(sql`
    insert into track_membership (org_id, episode_id, participant_id, track_id, from_date)
    select org_id, id, participant_id, ${ids!.track_id}, current_date - 60 from episode where org_id = ${orgId}`);
  await db.execute(sql`
    insert into session (org_id, track_id, program_id, site_id, title, kind, local_date, starts_at, ends_at, capacity, one_off)
    select ${orgId}, ${ids!.track_id}, ${ids!.program_id}, ${ids!.site_id}, 'Group ' || n, 'group_therapy', current_date - 1,
           now() - interval '1 day' + n * interval '1 second', now() - interval '22 hours' + n * interval '1 second', 20, true
      from generate_series(1, ${sessions}) n`);
  await db.execute(sql`
    insert into attendance (org_id, session_id, participant_id, episode_id, status, minutes_attended, recorded_by)
    select s.org_id, s.id, m.participant_id, m.episode_id, 'present', 120, ${userId}
      from session s join track_membership m on m.org_id = s.org_id and m.track_id = s.track_id where s.org_id = ${orgId}`);
  const sessionIds = rowsOf<{ id: string }>(await db.execute(sql`select id from session where org_id = ${orgId} order by starts_at`)).map((r) => r.id);
  const participants = rowsOf<{ participant_id: string; id: string }>(
    await db.execute(sql`select participant_id, id from episode where org_id = ${orgId} order by participant_id`),
  ).map((r) => ({ participantId: r.participant_id, episodeId: r.id }));
  return { actor: { userId, orgId, role: 'clinician', name: 'Bench Clinician', email: 'clinician@bench.test' }, sessionIds, participants };
}

async function measure(db: Db, label: string, iterations: number): Promise<{ real: number; bare: number }> {
  const deps = { db, clock: systemClock };
  // Half the sessions are signed through the use case, half get the bare insert; plus warm-up rounds.
  const warm = 3;
  const f = await build(db, 2 * (iterations + warm));
  const real: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < iterations + warm; i++) {
    const realSession = f.sessionIds[2 * i]!;
    const bareSession = f.sessionIds[2 * i + 1]!;
    const input = {
      version: 0,
      shared: { topic: 'Craving', curriculumItem: 'Urge surfing', modality: 'Relapse prevention', covered: 'The urge curve and a practice.' },
      facilitatorIds: [f.actor.userId],
      attendees: f.participants.map((p, n) => ({
        participantId: p.participantId,
        sections: { participation: entryText(i, n), response: entryText(i + 1, n + 5), risk: 'None observed.', plan: 'Continue.' },
        objectives: [],
      })),
    };
    const draft = await saveGroupNote(deps, f.actor, realSession, input);
    const t0 = performance.now();
    await signGroupNote(deps, f.actor, realSession, { version: draft.version });
    const t1 = performance.now();

    // The same 15 rows, already built, in one statement: what signing cannot do with less.
    const bareNote = rowsOf<{ id: string }>(
      await db.execute(sql`insert into group_note (org_id, session_id, author_id, shared, status, signed_at)
                           values (${f.actor.orgId}, ${bareSession}, ${f.actor.userId}, '{}'::jsonb, 'draft', null) returning id`),
    )[0]!.id;
    const now = new Date();
    const rows = f.participants.map((p, n) => {
      const content = {
        id: randomUUID(),
        orgId: f.actor.orgId,
        participantId: p.participantId,
        episodeId: p.episodeId,
        kind: 'group' as const,
        privacy: 'record' as const,
        format: null,
        sessionId: bareSession,
        groupNoteId: bareNote,
        startsAt: new Date(now.getTime() - 86_400_000),
        endsAt: new Date(now.getTime() - 79_200_000),
        sections: { ...input.shared, ...input.attendees[n]!.sections },
        objectives: [],
        facilitatorIds: [f.actor.userId],
        authorId: f.actor.userId,
        signedAt: now,
      };
      return { ...content, part2: false, status: 'signed' as const, contentHash: noteContentHash(content) };
    });
    const t2 = performance.now();
    await db.insert(clinicalNote).values(rows);
    const t3 = performance.now();
    if (i >= warm) {
      real.push(t1 - t0);
      bare.push(t3 - t2);
    }
  }
  process.stdout.write(`  ${label}: sign ${median(real).toFixed(1)} ms, bare insert ${median(bare).toFixed(1)} ms (medians of ${iterations})\n`);
  return { real: median(real), bare: median(bare) };
}

const scenario = (name: string, r: { real: number; bare: number }, goal: string, notes: string): Scenario => ({
  name,
  value: Number(r.real.toFixed(2)),
  unit: 'ms',
  baseline: Number(r.bare.toFixed(2)),
  ratio: Number((r.real / r.bare).toFixed(2)),
  goal,
  notes,
});

export async function groupNoteScenario(quick: boolean): Promise<Scenario[]> {
  const iterations = quick ? 15 : 40;
  const notes = `median of ${iterations}: signGroupNote for ${ATTENDEES} attendees (15 chart notes + 16 audit events) vs one bare INSERT of the same 15 rows`;
  const pgDb = await freshPostgres(10);
  let onPostgres: { real: number; bare: number };
  try {
    onPostgres = await measure(pgDb.db, 'PostgreSQL', iterations);
  } finally {
    await pgDb.close();
  }
  const lite = await openDatabase({ dataDir: 'memory://' });
  let onPglite: { real: number; bare: number };
  try {
    onPglite = await measure(lite.db, 'PGlite', iterations);
  } finally {
    await lite.close();
  }
  return [
    scenario('group-note-sign', onPostgres, '< 50 ms and < 5× bare (PostgreSQL)', `PostgreSQL; ${notes}`),
    scenario('group-note-sign (PGlite)', onPglite, 'reported', `PGlite; ${notes}`),
  ];
}
