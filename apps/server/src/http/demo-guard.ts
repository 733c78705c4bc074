/**
 * The demo organisation's password is published, so it is served only to this machine's own addresses unless the
 * operator asks otherwise (TRELLIS_ALLOW_DEMO_REMOTE=true). Other organisations on the same server are unaffected.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { appUser, organisation } from '../db/schema.ts';
import { DEMO_ORG_SLUG } from '../seed/demo.ts';
import { Problem } from './problems.ts';

export function isLoopbackAddress(ip: string): boolean {
  return ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.');
}

export const demoRefused = () =>
  new Problem(403, 'Not allowed', 'The demo organisation is served only on the machine it runs on.');

export function demoGuard(db: Db, allowRemote: boolean) {
  let demoOrgId: string | null = null;
  const demoOrg = async (): Promise<string | null> => {
    if (demoOrgId) return demoOrgId;
    const [row] = await db.select({ id: organisation.id }).from(organisation).where(eq(organisation.slug, DEMO_ORG_SLUG));
    demoOrgId = row?.id ?? null;
    return demoOrgId;
  };
  return {
    /** Whether a request from `ip` for organisation `orgId` must be refused. */
    async refusesOrg(ip: string, orgId: string): Promise<boolean> {
      if (allowRemote || isLoopbackAddress(ip)) return false;
      return orgId === (await demoOrg());
    },
    /** Whether a sign-in from `ip` as `email` must be refused. */
    async refusesSignIn(ip: string, email: unknown): Promise<boolean> {
      if (allowRemote || isLoopbackAddress(ip) || typeof email !== 'string') return false;
      const [user] = await db.select({ orgId: appUser.orgId }).from(appUser).where(eq(appUser.email, email.trim().toLowerCase()));
      return user !== undefined && user.orgId === (await demoOrg());
    },
  };
}
