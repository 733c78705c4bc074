-- The roster rule unchanged, one join cheaper: the view also gives the expected episode's admission date (it already
-- joins the episode to test it), so trellis_session_roster orders by it instead of joining the episode a second time.
-- The roll's write re-checks the roster on every request; that second join was a scan of every episode of the org.
CREATE OR REPLACE VIEW trellis_expected_attendance AS
  SELECT s.org_id, s.id AS session_id, s.track_id, s.local_date, m.participant_id, m.episode_id, false AS guest,
         e.admitted_on
    FROM session s
    JOIN track_membership m ON m.org_id = s.org_id AND m.track_id = s.track_id
    JOIN episode e ON e.org_id = m.org_id AND e.id = m.episode_id
   WHERE NOT s.chosen_roster
     AND m.from_date <= s.local_date AND (m.to_date IS NULL OR s.local_date <= m.to_date)
     AND e.admitted_on <= s.local_date AND (e.discharged_on IS NULL OR s.local_date <= e.discharged_on)
  UNION ALL
  SELECT s.org_id, s.id AS session_id, s.track_id, s.local_date, r.participant_id, r.episode_id, NOT s.chosen_roster AS guest,
         e.admitted_on
    FROM session s
    JOIN session_roster r ON r.org_id = s.org_id AND r.session_id = s.id
    JOIN episode e ON e.org_id = r.org_id AND e.id = r.episode_id
   WHERE e.admitted_on <= s.local_date AND (e.discharged_on IS NULL OR s.local_date <= e.discharged_on)
     AND (s.chosen_roster OR NOT EXISTS (
           SELECT 1
             FROM track_membership m
             JOIN episode me ON me.org_id = m.org_id AND me.id = m.episode_id
            WHERE m.org_id = s.org_id AND m.track_id = s.track_id AND m.participant_id = r.participant_id
              AND m.from_date <= s.local_date AND (m.to_date IS NULL OR s.local_date <= m.to_date)
              AND me.admitted_on <= s.local_date AND (me.discharged_on IS NULL OR s.local_date <= me.discharged_on)));
--> statement-breakpoint
CREATE OR REPLACE FUNCTION trellis_session_roster(p_org uuid, p_session uuid)
RETURNS TABLE(participant_id uuid, episode_id uuid)
LANGUAGE sql STABLE
AS $$
  SELECT DISTINCT ON (x.participant_id) x.participant_id, x.episode_id
    FROM trellis_expected_attendance x
   WHERE x.org_id = p_org AND x.session_id = p_session
   ORDER BY x.participant_id, x.admitted_on DESC
$$;
