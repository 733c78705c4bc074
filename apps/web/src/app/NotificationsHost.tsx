import { lazy, Suspense, useState } from 'react';
import { useNotifications } from '@mantine/notifications';

// The notification stack (with its transitions) is fetched when the first notification is shown: no page needs it to
// render, and it weighed some 6 KB of every page's compressed JavaScript. The store it reads is small and stays here.
const Notifications = lazy(() => import('@mantine/notifications').then((m) => ({ default: m.Notifications })));

/** Mounts Mantine's notification stack once anything has been shown, and keeps it mounted so it can animate out. */
export function NotificationsHost() {
  const { notifications, queue } = useNotifications();
  const [wanted, setWanted] = useState(false);
  if (!wanted && notifications.length + queue.length > 0) setWanted(true);
  if (!wanted) return null;
  return (
    <Suspense fallback={null}>
      <Notifications position="top-right" />
    </Suspense>
  );
}
