/** SQL fragments about staff that more than one feature selects. */
import { notInArray, sql } from 'drizzle-orm';
import { FAMILY_ROLE, PARTICIPANT_ROLE } from '@trellis/core';
import { appUser, staffProgram } from './schema.ts';

/**
 * True for staff accounts: app_user also holds participants' and family members' portal accounts, which no staff
 * list, picker or account page may offer (neither is ever a facilitator, a clinician or an account an administrator
 * edits; a family account in the staff list made it answer 500).
 */
export const isStaffUser = notInArray(appUser.role, [PARTICIPANT_ROLE, FAMILY_ROLE]);

/**
 * The programs a staff member works in, as text ids in order, for a select from `app_user`. Columns are named in full:
 * Drizzle leaves them unqualified in a one-table select, where they would bind to the subquery's own table.
 */
export const staffProgramIds = sql<string[]>`coalesce((select array_agg(sp.program_id::text order by sp.program_id)
                                                        from ${staffProgram} sp
                                                       where sp.org_id = app_user.org_id and sp.user_id = app_user.id), '{}'::text[])`;
