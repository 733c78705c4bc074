-- The roster rule, extended for make-ups (packages/core/src/roster.ts `isExpectedAt` is the same predicate): a roster
-- row on a session with a chosen roster is a participant chosen for it, as before; a roster row on an ordinary track
-- session is a guest booked from another track, expected there too. A guest who is also a member of the track that day
-- is expected once, through the membership. `guest` marks the guest rows, so the ledger can count their hours without
-- counting them as part of the track's offer. Every roster, count, ledger, census and calendar query reads this view
-- (or trellis_session_roster over it), so each of them counts make-ups.
CREATE OR REPLACE VIEW trellis_expected_attendance AS
  SELECT s.org_id, s.id AS session_id, s.track_id, s.local_date, m.participant_id, m.episode_id, false AS guest
    FROM session s
    JOIN track_membership m ON m.org_id = s.org_id AND m.track_id = s.track_id
    JOIN episode e ON e.org_id = m.org_id AND e.id = m.episode_id
   WHERE NOT s.chosen_roster
     AND m.from_date <= s.local_date AND (m.to_date IS NULL OR s.local_date <= m.to_date)
     AND e.admitted_on <= s.local_date AND (e.discharged_on IS NULL OR s.local_date <= e.discharged_on)
  UNION ALL
  SELECT s.org_id, s.id AS session_id, s.track_id, s.local_date, r.participant_id, r.episode_id, NOT s.chosen_roster AS guest
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
