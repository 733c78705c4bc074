import {
  organisationSecuritySchema,
  outboxListSchema,
  passwordResetSentSchema,
  staffAccountListSchema,
  staffAccountParamsSchema,
  staffAccountSchema,
  staffAccountUpdateSchema,
  staffInvitationSchema,
} from '@trellis/core';
import type { FeatureRoutes } from '../index.ts';
import { actorOf } from '../../http/route-config.ts';
import {
  inviteStaff,
  listStaffAccounts,
  readOutbox,
  readSecurity,
  resetStaffPassword,
  setStaffActive,
  updateSecurity,
  updateStaffAccount,
} from './service.ts';

export const staffRoutes: FeatureRoutes = (app, deps) => {
  const tags = ['staff accounts'];
  app.get(
    '/v1/staff-accounts',
    {
      config: { permission: 'staff.write' },
      schema: { tags, summary: 'Every staff account, active or not, with role, programs and supervisor', response: { 200: staffAccountListSchema } },
    },
    async (request) => listStaffAccounts(deps, actorOf(request)),
  );
  app.post(
    '/v1/staff-accounts',
    {
      config: { permission: 'staff.write' },
      schema: { tags, summary: 'Invite a staff member: the invitation link goes to the outbox', body: staffInvitationSchema, response: { 201: staffAccountSchema } },
    },
    async (request, reply) => reply.code(201).send(await inviteStaff(deps, actorOf(request), request.body)),
  );
  app.patch(
    '/v1/staff-accounts/:id',
    {
      config: { permission: 'staff.write' },
      schema: {
        tags,
        summary: 'Change a staff member’s name, role, credentials, programs or supervisor (audited)',
        params: staffAccountParamsSchema,
        body: staffAccountUpdateSchema,
        response: { 200: staffAccountSchema },
      },
    },
    async (request) => updateStaffAccount(deps, actorOf(request), request.params.id, request.body),
  );
  for (const [path, active, summary] of [
    ['deactivate', false, 'Deactivate an account: its sessions end and it can no longer sign in'],
    ['reactivate', true, 'Reactivate an account'],
  ] as const) {
    app.post(
      `/v1/staff-accounts/:id/${path}`,
      {
        config: { permission: 'staff.write' },
        schema: { tags, summary, params: staffAccountParamsSchema, response: { 200: staffAccountSchema } },
      },
      async (request) => setStaffActive(deps, actorOf(request), request.params.id, active),
    );
  }
  app.post(
    '/v1/staff-accounts/:id/password-reset',
    {
      config: { permission: 'staff.write' },
      schema: {
        tags,
        summary: 'Reset a password: the old one stops working, sessions end, and a reset link goes to the outbox',
        params: staffAccountParamsSchema,
        response: { 202: passwordResetSentSchema },
      },
    },
    async (request, reply) => reply.code(202).send(await resetStaffPassword(deps, actorOf(request), request.params.id)),
  );
  app.get(
    '/v1/outbox',
    {
      config: { permission: 'staff.write' },
      schema: { tags, summary: 'Messages the system would have mailed (invitations, password resets), newest first', response: { 200: outboxListSchema } },
    },
    async (request) => readOutbox(deps, actorOf(request)),
  );
  app.get(
    '/v1/organisation/security',
    {
      config: { permission: 'signed-in' },
      schema: { tags, summary: 'Whether the organisation requires two-factor sign-in', response: { 200: organisationSecuritySchema } },
    },
    async (request) => readSecurity(deps, actorOf(request)),
  );
  app.put(
    '/v1/organisation/security',
    {
      config: { permission: 'staff.write' },
      schema: { tags, summary: 'Require (or stop requiring) two-factor sign-in for every staff member', body: organisationSecuritySchema, response: { 200: organisationSecuritySchema } },
    },
    async (request) => updateSecurity(deps, actorOf(request), request.body),
  );
};
