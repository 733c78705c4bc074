import {
  admissionSchema,
  dischargeSchema,
  episodeIdParamsSchema,
  episodeSchema,
  participantCreateSchema,
  participantIdParamsSchema,
  participantListQuerySchema,
  participantPageSchema,
  participantSchema,
  participantUpdateSchema,
  possibleDuplicateListSchema,
  possibleDuplicatesQuerySchema,
  setupIdParamsSchema,
  trackMoveSchema,
  trackPlacesQuerySchema,
  trackPlacesSchema,
} from '@trellis/core';
import type { FeatureRoutes } from '../index.ts';
import { actorOf } from '../../http/route-config.ts';
import { browseParticipants, createParticipant, editParticipant, readParticipant } from './service.ts';
import { admitParticipant, dischargeEpisode, moveTrack } from './episodes-service.ts';
import { findPossibleDuplicates, placesOnTrack } from './intake-checks.ts';

export const participantRoutes: FeatureRoutes = (app, deps) => {
  app.get(
    '/v1/participants',
    {
      config: { permission: 'participant.read' },
      schema: {
        tags: ['participants'],
        summary: 'Participants the caller may see, by name and episode status, in keyset pages',
        querystring: participantListQuerySchema,
        response: { 200: participantPageSchema },
      },
    },
    async (request) => browseParticipants(deps, actorOf(request), request.query),
  );

  app.post(
    '/v1/participants',
    {
      config: { permission: 'participant.write' },
      schema: {
        tags: ['participants'],
        summary: 'Register a participant',
        body: participantCreateSchema,
        response: { 201: participantSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await createParticipant(deps, actorOf(request), request.body)),
  );

  app.post(
    '/v1/participants/possible-duplicates',
    {
      config: { permission: 'participant.write' },
      schema: {
        tags: ['participants'],
        summary: 'Records with the same name and birth date, checked before registering someone (audited)',
        body: possibleDuplicatesQuerySchema,
        response: { 200: possibleDuplicateListSchema },
      },
    },
    async (request) => findPossibleDuplicates(deps, actorOf(request), request.body),
  );

  app.get(
    '/v1/tracks/:id/places',
    {
      config: { permission: 'episode.admit' },
      schema: {
        tags: ['participants'],
        summary: 'Places taken and left on a track from a date, checked before an admission',
        params: setupIdParamsSchema,
        querystring: trackPlacesQuerySchema,
        response: { 200: trackPlacesSchema },
      },
    },
    async (request) => placesOnTrack(deps, actorOf(request), request.params.id, request.query.on),
  );

  app.get(
    '/v1/participants/:id',
    {
      config: { permission: 'participant.read' },
      schema: {
        tags: ['participants'],
        summary: 'A participant’s record with episodes and track history (audited)',
        params: participantIdParamsSchema,
        response: { 200: participantSchema },
      },
    },
    async (request) => readParticipant(deps, actorOf(request), request.params.id),
  );

  app.patch(
    '/v1/participants/:id',
    {
      config: { permission: 'participant.write' },
      schema: {
        tags: ['participants'],
        summary: 'Edit a participant’s details (stale version → 409)',
        params: participantIdParamsSchema,
        body: participantUpdateSchema,
        response: { 200: participantSchema },
      },
    },
    async (request) => editParticipant(deps, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/v1/participants/:id/episodes',
    {
      config: { permission: 'episode.admit' },
      schema: {
        tags: ['episodes'],
        summary: 'Admit a participant to a program and track (422 if an episode is already active)',
        params: participantIdParamsSchema,
        body: admissionSchema,
        response: { 201: episodeSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await admitParticipant(deps, actorOf(request), request.params.id, request.body)),
  );

  app.post(
    '/v1/episodes/:id/track-moves',
    {
      config: { permission: 'episode.write' },
      schema: {
        tags: ['episodes'],
        summary: 'Move an episode to another track from a date, keeping the membership history',
        params: episodeIdParamsSchema,
        body: trackMoveSchema,
        response: { 200: episodeSchema },
      },
    },
    async (request) => moveTrack(deps, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/v1/episodes/:id/discharge',
    {
      config: { permission: 'episode.write' },
      schema: {
        tags: ['episodes'],
        summary: 'Discharge an episode with a date and disposition',
        params: episodeIdParamsSchema,
        body: dischargeSchema,
        response: { 200: episodeSchema },
      },
    },
    async (request) => dischargeEpisode(deps, actorOf(request), request.params.id, request.body),
  );
};
