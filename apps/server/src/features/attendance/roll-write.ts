/**
 * Writing a roll is ONE statement: the marks that changed, the answer stored under the Idempotency-Key, and the audit
 * events (each change, and the whole roll the answer discloses) — so it commits in one round trip with no lock held
 * across the request. It re-checks what the request read before it: the session is still scheduled (locked for
 * share, so a cancellation, which takes FOR UPDATE, cannot interleave), every mark is still at the version read (an
 * update bumps it by one, a new mark is version 1), and the key is still free. If not, `trellis_write_holds` aborts
 * the whole statement with serialization_failure and the caller reads again and retries.
 */
import { auditAppendSql, type StatementRunner } from '../../audit/audit.ts';
import { rememberedSignInHolds, rememberedSignInJson, type RememberedSignIn } from '../../auth/session-check.ts';

/**
 * Made along the session check (`RollWrite.along`): the statement also holds only when the sign-in is still the
 * remembered one ($12, $13), and the session, the roll's counts and each participant asked about are exactly as the
 * write was decided on ($14): the session's times, facilitator, Part 2 and whether the user runs it or works in its
 * program (read with the session's row as it is locked, not a second time); each participant's expected episode by
 * the roster rule (trellis_session_roster); and the roll's marks in one read: how many there are, and the mark of
 * each participant the write leaves as it was ('kept': a web save sends the whole roll, most of it unchanged). A
 * mark the write changes is not read again here: its upsert writes it only when its id and version are still the
 * ones read (a new mark only when there is none), and every change of a mark bumps its version, so the count of
 * rows saved already says whether it was as decided.
 * $13 and $14 are read as jsonb, parsed once: as json, every ->> parsed the text again, for each row a filter saw.
 */
const ALONG_CTES = `
  roster as (select r.participant_id, r.episode_id from trellis_session_roster($1::uuid, $2::uuid) r),`;

const sesSql = (along: boolean) =>
  along
    ? `
  ses as (
    select s.id,
           s.starts_at = ($14::jsonb->>'startsAt')::timestamptz and s.ends_at = ($14::jsonb->>'endsAt')::timestamptz
           and s.facilitator_id is not distinct from $14::jsonb->>'facilitatorId'
           and p.part2 = ($14::jsonb->>'programPart2')::boolean
           and exists (select 1 from trellis_session_facilitators f
                        where f.org_id = s.org_id and f.session_id = s.id and f.user_id = $3::text) = ($14::jsonb->>'runsSession')::boolean
           and exists (select 1 from staff_program sp
                        where sp.org_id = s.org_id and sp.user_id = $3::text and sp.program_id = s.program_id) = ($14::jsonb->>'staffInProgram')::boolean
             as as_decided
      from session s join program p on p.org_id = s.org_id and p.id = s.program_id
     where s.org_id = $1::uuid and s.id = $2::uuid and s.status = 'scheduled'
       for share of s
  ),`
    : `
  ses as (
    select s.id from session s where s.org_id = $1::uuid and s.id = $2::uuid and s.status = 'scheduled' for share
  ),`;

const DECIDED_HOLDS = `
           ${rememberedSignInHolds('$12::text', '$13::jsonb')}
           and coalesce((select as_decided from ses), false)
           and (select count(*) from roster) = ($14::jsonb->>'expectedCount')::int
           -- The roll's marks read once: their count, and each kept mark among them as it was decided on.
           and (select count(*) = ($14::jsonb->>'recordedCount')::int
                       and count(e.participant_id) = jsonb_array_length($14::jsonb->'kept')
                       and coalesce(bool_and(e.participant_id is null
                             or (a.id, a.version, a.status, a.late_minutes, a.left_early_minutes)
                                is not distinct from (e.attendance_id, e.version, e.status, e.late_minutes, e.left_early_minutes)), true)
                  from attendance a
                  left join jsonb_to_recordset($14::jsonb->'kept')
                         as e(participant_id uuid, attendance_id uuid, status text, late_minutes int, left_early_minutes int, version int)
                    on e.participant_id = a.participant_id
                 where a.org_id = $1::uuid and a.session_id = $2::uuid)
           and not exists (
                 select 1 from jsonb_to_recordset($14::jsonb->'asked') as e(participant_id uuid, episode_id uuid)
                   left join roster r on r.participant_id = e.participant_id
                  where r.episode_id is distinct from e.episode_id)
           and`;

const writeRollSql = (along: boolean) => `
  with ${along ? ALONG_CTES : ''}${sesSql(along)}
  -- The marks are read once, in order: plain json, not parsed into jsonb first.
  marks as (
    select * from json_to_recordset($4::json)
      as m(id uuid, participant_id uuid, episode_id uuid, status text, late_minutes int, left_early_minutes int,
           minutes_attended int, version int)
  ),
  saved as (
    insert into attendance (id, org_id, session_id, participant_id, episode_id, status, late_minutes, left_early_minutes,
                            minutes_attended, recorded_by, version)
    select m.id, $1::uuid, ses.id, m.participant_id, m.episode_id, m.status, m.late_minutes, m.left_early_minutes,
           m.minutes_attended, $3::text, m.version
      from marks m, ses
    on conflict (org_id, session_id, participant_id) do update
       set episode_id = excluded.episode_id, status = excluded.status, late_minutes = excluded.late_minutes,
           left_early_minutes = excluded.left_early_minutes, minutes_attended = excluded.minutes_attended,
           recorded_by = excluded.recorded_by, version = excluded.version, updated_at = now()
     where attendance.id = excluded.id and attendance.version = excluded.version - 1
    returning 1
  ),
  answer as (
    insert into idempotency_key (org_id, key, user_id, route, request_hash, status_code, response, created_at)
    select $1::uuid, $6::text, $3::text, $7::text, $8::text, 200, $9::jsonb, $10::timestamptz where $6::text is not null
    on conflict (org_id, key) do update
       set user_id = excluded.user_id, route = excluded.route, request_hash = excluded.request_hash,
           status_code = excluded.status_code, response = excluded.response, created_at = excluded.created_at
     where idempotency_key.created_at <= $11::timestamptz
    returning 1
  ),
  audited as (${auditAppendSql(5)} returning 1)
  select trellis_write_holds(${along ? DECIDED_HOLDS : ''}
           (select count(*) from ses) = 1
           and (select count(*) from saved) = json_array_length($4::json)
           and ($6::text is null or (select count(*) from answer) = 1)
           and (select count(*) from audited) = jsonb_array_length($5::jsonb)) as ok`;

const WRITE_ROLL = writeRollSql(false);
const WRITE_ROLL_ALONG = writeRollSql(true);

export interface MarkWrite {
  /** The mark's id: the existing one, or a new UUID. */
  id: string;
  participantId: string;
  episodeId: string;
  status: string;
  lateMinutes: number;
  leftEarlyMinutes: number;
  minutesAttended: number;
  /** The version after this write: one more than the version read, 1 for a new mark. */
  version: number;
}

export interface RollWrite {
  orgId: string;
  sessionId: string;
  userId: string;
  marks: readonly MarkWrite[];
  /** auditEventsJson of every event this write records. */
  auditJson: string;
  /** The answer stored under the Idempotency-Key, its response already as JSON text (the very text the reply sends). */
  answer: { key: string; route: string; requestHash: string; responseJson: string; at: Date; replaceBefore: Date } | null;
  /**
   * Made along the session check instead of after it: the remembered sign-in, and everything the write was decided on
   * (`decidedJson`), which the statement re-checks before anything is written.
   */
  along?: { signIn: RememberedSignIn; decidedJson: string };
}

/** Runs the write; throws serialization_failure (isWriteConflict) when what it relied on changed meanwhile. */
export async function writeRoll(db: StatementRunner, w: RollWrite): Promise<void> {
  const along = w.along ? [w.along.signIn.token, rememberedSignInJson(w.along.signIn), w.along.decidedJson] : [];
  await db.query(w.along ? 'trellis_roll_write_along' : 'trellis_roll_write', w.along ? WRITE_ROLL_ALONG : WRITE_ROLL, [
    w.orgId,
    w.sessionId,
    w.userId,
    JSON.stringify(
      w.marks.map((m) => ({
        id: m.id,
        participant_id: m.participantId,
        episode_id: m.episodeId,
        status: m.status,
        late_minutes: m.lateMinutes,
        left_early_minutes: m.leftEarlyMinutes,
        minutes_attended: m.minutesAttended,
        version: m.version,
      })),
    ),
    w.auditJson,
    w.answer?.key ?? null,
    w.answer?.route ?? null,
    w.answer?.requestHash ?? null,
    w.answer?.responseJson ?? null,
    w.answer?.at.toISOString() ?? null,
    w.answer?.replaceBefore.toISOString() ?? null,
    ...along,
  ]);
}
