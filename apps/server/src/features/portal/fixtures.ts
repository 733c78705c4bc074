/** Test fixtures: a participant invited to the portal who has chosen a password and signed in. */
import { expect } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { outboxMessage, participant } from '../../db/schema.ts';
import type { TestApp, TestOrg, TestStaff } from '../../testing/harness.ts';

export const PORTAL_PASSWORD = 'a portal password 42';

export interface PortalPerson {
  id: string;
  email: string;
  /** For `t.as`: the participant's session cookie (the role is not looked at; the session decides). */
  session: TestStaff;
}

/** Adds a synthetic participant, invites them to the portal as the org's director, and signs them in. */
export async function portalParticipant(
  t: TestApp,
  org: TestOrg,
  givenName: string,
  participantId?: string,
): Promise<PortalPerson> {
  const email = `${givenName.toLowerCase()}@portal.test`;
  let id = participantId;
  if (!id) {
    const [p] = await t.database.db
      .insert(participant)
      .values({ orgId: org.orgId, givenName, familyName: 'Portal', dateOfBirth: '1990-02-03', email })
      .returning({ id: participant.id });
    id = p!.id;
  }
  const invited = await t.as(org.staff.director, {
    method: 'POST',
    url: `/api/v1/participants/${id}/portal-invitation`,
    payload: { email },
  });
  expect(invited.statusCode, invited.body).toBe(201);
  const [message] = await t.database.db
    .select({ link: outboxMessage.link })
    .from(outboxMessage)
    .where(and(eq(outboxMessage.orgId, org.orgId), eq(outboxMessage.toEmail, email)));
  const token = new URL(message!.link).searchParams.get('token')!;
  const set = await t.app.inject({
    method: 'POST',
    url: '/api/auth/reset-password',
    payload: { token, newPassword: PORTAL_PASSWORD },
  });
  expect(set.statusCode, set.body).toBe(200);
  const cookie = await t.signIn(email, PORTAL_PASSWORD);
  return { id, email, session: { cookie, email, id, role: 'clinician' } };
}
