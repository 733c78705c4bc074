import type { Action } from '@trellis/core';
import type { Me } from '../api/types.ts';

/** Whether the signed-in staff member may do an action (the server checks again; this only shapes the page). */
export function can(me: Me | null | undefined, action: Action): boolean {
  return !!me && me.permissions.includes(action);
}
