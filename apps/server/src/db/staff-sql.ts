/** SQL fragments about staff that more than one feature selects. */
import { sql } from 'drizzle-orm';
import { staffProgram } from './schema.ts';

/**
 * The programs a staff member works in, as text ids in order, for a select from `app_user`. Columns are named in full:
 * Drizzle leaves them unqualified in a one-table select, where they would bind to the subquery's own table.
 */
export const staffProgramIds = sql<string[]>`coalesce((select array_agg(sp.program_id::text order by sp.program_id)
                                                        from ${staffProgram} sp
                                                       where sp.org_id = app_user.org_id and sp.user_id = app_user.id), '{}'::text[])`;
