import { CalendarFeedCard } from '../../ui/CalendarFeedCard.tsx';

/** The path of the signed-in staff member's own feed (status, make, turn off). */
export const STAFF_FEED_PATH = '/api/v1/me/calendar-feed';

/**
 * One's own calendar (groups one runs or co-runs, appointments, time off) in one's phone: what it shows is said up
 * front, because a synced calendar leaves Trellis (42 CFR Part 2, minimum necessary).
 */
export function StaffCalendarFeedCard() {
  return (
    <CalendarFeedCard
      path={STAFF_FEED_PATH}
      title="My calendar in my phone"
      revocable
      intro="A private address your calendar app (Google, Outlook, Apple) can subscribe to. It shows the groups you run or co-run, your appointments and your time off, four weeks back and twelve ahead: group names, appointment kinds, times and rooms — never a participant’s name or anything clinical."
    />
  );
}
