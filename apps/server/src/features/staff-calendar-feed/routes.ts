/**
 * A staff member's private calendar feed. `/v1/me/calendar-feed` answers the signed-in staff member about their own
 * feed only (no staff id is taken). The feed itself is public — a calendar app cannot sign in — and is served by the
 * same route code as the participant's feed (http/calendar-feed.ts): the token is the key, 404 for every reason there
 * is no feed.
 */
import { calendarFeedCreatedSchema, calendarFeedStatusSchema } from '@trellis/core';
import type { FeatureRoutes } from '../index.ts';
import { calendarFeedRoute } from '../../http/calendar-feed.ts';
import { actorOf } from '../../http/route-config.ts';
import {
  createStaffFeed,
  readStaffFeedStatus,
  revokeStaffFeed,
  STAFF_FEED_COLLECTION,
  staffCalendarFeedFor,
} from './service.ts';

export const staffCalendarFeedRoutes: FeatureRoutes = (app, deps) => {
  const tags = ['staff calendar feed'];
  app.get(
    '/v1/me/calendar-feed',
    {
      config: { permission: 'appointment.read' },
      schema: {
        tags,
        summary: 'Whether the signed-in staff member has a private calendar feed address',
        response: { 200: calendarFeedStatusSchema },
      },
    },
    async (request) => readStaffFeedStatus(deps, actorOf(request)),
  );
  app.post(
    '/v1/me/calendar-feed',
    {
      config: { permission: 'appointment.read' },
      schema: {
        tags,
        summary:
          'Make a new private calendar feed address for one’s own calendar (shown once); any earlier one stops working (audited)',
        response: { 201: calendarFeedCreatedSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await createStaffFeed(deps, actorOf(request))),
  );
  app.delete(
    '/v1/me/calendar-feed',
    {
      config: { permission: 'appointment.read' },
      schema: {
        tags,
        summary: 'Stop one’s private calendar feed address working (audited)',
        response: { 200: calendarFeedStatusSchema },
      },
    },
    async (request) => revokeStaffFeed(deps, actorOf(request)),
  );

  calendarFeedRoute(app, deps, {
    collection: STAFF_FEED_COLLECTION,
    tags,
    summary:
      'A staff member’s own groups (lead or co-facilitator), appointments and time off as iCalendar (RFC 5545): group names, appointment kinds, times and rooms only, never a participant; the token is the key',
    read: (token) => staffCalendarFeedFor(deps, token),
  });
};
