-- The roster rule, written once (packages/core/src/roster.ts `isExpectedAt` is the same predicate): who is expected at
-- a session. A track session expects the track's members whose membership covers its local date; a session with a
-- chosen roster expects the participants chosen for it; either way only within the episode's admission and discharge
-- dates (inclusive). Every roster, count and ledger query reads this view or the function below.
CREATE VIEW trellis_expected_attendance AS
  SELECT s.org_id, s.id AS session_id, s.track_id, s.local_date, m.participant_id, m.episode_id
    FROM session s
    JOIN track_membership m ON m.org_id = s.org_id AND m.track_id = s.track_id
    JOIN episode e ON e.org_id = m.org_id AND e.id = m.episode_id
   WHERE NOT s.chosen_roster
     AND m.from_date <= s.local_date AND (m.to_date IS NULL OR s.local_date <= m.to_date)
     AND e.admitted_on <= s.local_date AND (e.discharged_on IS NULL OR s.local_date <= e.discharged_on)
  UNION ALL
  SELECT s.org_id, s.id AS session_id, s.track_id, s.local_date, r.participant_id, r.episode_id
    FROM session s
    JOIN session_roster r ON r.org_id = s.org_id AND r.session_id = s.id
    JOIN episode e ON e.org_id = r.org_id AND e.id = r.episode_id
   WHERE s.chosen_roster
     AND e.admitted_on <= s.local_date AND (e.discharged_on IS NULL OR s.local_date <= e.discharged_on);
--> statement-breakpoint
-- One session's roster: one row per participant (the latest-admitted episode if two meet on that day).
CREATE FUNCTION trellis_session_roster(p_org uuid, p_session uuid)
RETURNS TABLE(participant_id uuid, episode_id uuid)
LANGUAGE sql STABLE
AS $$
  SELECT DISTINCT ON (x.participant_id) x.participant_id, x.episode_id
    FROM trellis_expected_attendance x
    JOIN episode e ON e.org_id = x.org_id AND e.id = x.episode_id
   WHERE x.org_id = p_org AND x.session_id = p_session
   ORDER BY x.participant_id, e.admitted_on DESC
$$;
