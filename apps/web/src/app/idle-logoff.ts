import { createElement, useEffect, useRef } from 'react';
import { notifications } from '@mantine/notifications';
import { api } from './api-client.ts';
import { IDLE_WARNING_CLASS, IDLE_WARNING_ID, IdleWarning } from './IdleWarning.tsx';

const LAST_ACTIVITY_KEY = 'trellis.lastActivity';
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'mousemove', 'scroll'] as const;
const CHECK_EVERY_MS = 5_000;
/** While someone is working, tell the server now and then, so its idle limit follows the person and not the requests. */
const KEEP_ALIVE_EVERY_MS = 3 * 60_000;

function sharedLastActivity(): number {
  // Tabs share activity so that working in one tab keeps the others signed in.
  try {
    return Number(window.localStorage.getItem(LAST_ACTIVITY_KEY)) || 0;
  } catch {
    return 0;
  }
}

/**
 * Automatic logoff (45 CFR 164.312(a)(2)(iii)): after `minutes` without keyboard, pointer or scroll activity in any
 * tab, calls `onIdle`. A minute before, a notice says so and offers to save unsaved work.
 */
export function useIdleLogoff(minutes: number | null, onIdle: () => void): void {
  const onIdleRef = useRef(onIdle);
  useEffect(() => {
    onIdleRef.current = onIdle;
  }, [onIdle]);

  useEffect(() => {
    if (!minutes) return;
    const limit = minutes * 60_000;
    let last = Date.now();
    let lastKeepAlive = Date.now();
    let warned = false;
    let fired = false;

    const markActive = (event?: Event) => {
      const now = Date.now();
      if (now - last < 1_000) return;
      // A click on the warning's own "Save now" keeps the warning open until the save has finished.
      const inWarning = event?.target instanceof Element && !!event.target.closest(`.${IDLE_WARNING_CLASS}`);
      last = now;
      try {
        window.localStorage.setItem(LAST_ACTIVITY_KEY, String(now));
      } catch {
        // Private browsing may refuse storage; this tab still tracks its own activity.
      }
      if (warned) {
        warned = false;
        if (!inWarning) notifications.hide(IDLE_WARNING_ID);
      }
      if (now - lastKeepAlive > KEEP_ALIVE_EVERY_MS) {
        lastKeepAlive = now;
        // A 401 here is handled by the client's unauthenticated listener.
        api.get('/api/v1/me').catch(() => undefined);
      }
    };
    markActive();

    const check = () => {
      if (fired) return;
      const idleFor = Date.now() - Math.max(last, sharedLastActivity());
      if (idleFor >= limit) {
        fired = true;
        notifications.hide(IDLE_WARNING_ID);
        onIdleRef.current();
      } else if (!warned && minutes >= 2 && idleFor >= limit - 60_000) {
        warned = true;
        notifications.show({
          id: IDLE_WARNING_ID,
          color: 'yellow',
          title: 'Still there?',
          message: createElement(IdleWarning),
          className: IDLE_WARNING_CLASS,
          autoClose: false,
        });
      }
    };
    const timer = window.setInterval(check, CHECK_EVERY_MS);
    for (const event of ACTIVITY_EVENTS) window.addEventListener(event, markActive, { passive: true });
    return () => {
      window.clearInterval(timer);
      for (const event of ACTIVITY_EVENTS) window.removeEventListener(event, markActive);
    };
  }, [minutes]);
}
