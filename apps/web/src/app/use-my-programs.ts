import { PROGRAM_SCOPED_ROLES } from '@trellis/core';
import { useStaff } from '../features/setup/api.ts';
import { useAuth } from './auth-context.tsx';
import { can } from './permissions.ts';

/**
 * The programs a clinician or prescriber works in (their care-team scope), or null for roles that see every program.
 * Pages use it to offer only what the server will allow, e.g. rolls of their own programs' sessions.
 */
export function useMyProgramIds(): { programIds: ReadonlySet<string> | null; pending: boolean } {
  const { me } = useAuth();
  const scoped = !!me && PROGRAM_SCOPED_ROLES.includes(me.role);
  const staff = useStaff({ role: me?.role, enabled: scoped && can(me, 'staff.read') });
  if (!scoped) return { programIds: null, pending: false };
  const mine = staff.data?.find((s) => s.id === me.id);
  return { programIds: new Set(mine?.programIds ?? []), pending: staff.isPending };
}
