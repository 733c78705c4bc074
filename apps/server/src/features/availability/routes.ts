import {
  clinicianAvailabilitySchema,
  clinicianAvailabilityUpdateSchema,
  clinicianExceptionCreateSchema,
  participantExceptionCreateSchema,
  participantExceptionParamsSchema,
  participantIdParamsSchema,
  participantUnavailabilitySchema,
  participantUnavailabilityUpdateSchema,
  staffExceptionParamsSchema,
  staffIdParamsSchema,
} from '@trellis/core';
import type { FeatureRoutes } from '../index.ts';
import { actorOf } from '../../http/route-config.ts';
import {
  addClinicianException,
  addParticipantException,
  readClinicianAvailability,
  readParticipantUnavailability,
  removeClinicianException,
  removeParticipantException,
  setClinicianAvailability,
  setParticipantUnavailability,
} from './service.ts';

export const availabilityRoutes: FeatureRoutes = (app, deps) => {
  app.get(
    '/v1/staff/:id/availability',
    {
      config: { permission: 'staff.read' },
      schema: {
        tags: ['availability'],
        summary: 'A clinician’s weekly working hours per site, daily limit, and leave and training',
        params: staffIdParamsSchema,
        response: { 200: clinicianAvailabilitySchema },
      },
    },
    async (request) => readClinicianAvailability(deps, actorOf(request), request.params.id),
  );

  app.put(
    '/v1/staff/:id/availability',
    {
      config: { permission: 'availability.write' },
      schema: {
        tags: ['availability'],
        summary: 'Replace a clinician’s weekly hours and daily limit; overlapping rules are merged (409 on a stale version)',
        params: staffIdParamsSchema,
        body: clinicianAvailabilityUpdateSchema,
        response: { 200: clinicianAvailabilitySchema },
      },
    },
    async (request) => setClinicianAvailability(deps, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/v1/staff/:id/availability/exceptions',
    {
      config: { permission: 'availability.write' },
      schema: {
        tags: ['availability'],
        summary: 'Record leave, training or another absence from working hours',
        params: staffIdParamsSchema,
        body: clinicianExceptionCreateSchema,
        response: { 201: clinicianAvailabilitySchema },
      },
    },
    async (request, reply) => reply.code(201).send(await addClinicianException(deps, actorOf(request), request.params.id, request.body)),
  );

  app.delete(
    '/v1/staff/:id/availability/exceptions/:exceptionId',
    {
      config: { permission: 'availability.write' },
      schema: {
        tags: ['availability'],
        summary: 'Remove leave, training or another absence',
        params: staffExceptionParamsSchema,
        response: { 200: clinicianAvailabilitySchema },
      },
    },
    async (request) => removeClinicianException(deps, actorOf(request), request.params.id, request.params.exceptionId),
  );

  app.get(
    '/v1/participants/:id/unavailability',
    {
      config: { permission: 'participant.read' },
      schema: {
        tags: ['availability'],
        summary: 'A participant’s weekly unavailability (work, school, childcare) and one-off exceptions (audited)',
        params: participantIdParamsSchema,
        response: { 200: participantUnavailabilitySchema },
      },
    },
    async (request) => readParticipantUnavailability(deps, actorOf(request), request.params.id),
  );

  app.put(
    '/v1/participants/:id/unavailability',
    {
      config: { permission: 'participant.write' },
      schema: {
        tags: ['availability'],
        summary: 'Replace a participant’s weekly unavailability; overlapping rules of a reason are merged (409 on a stale version)',
        params: participantIdParamsSchema,
        body: participantUnavailabilityUpdateSchema,
        response: { 200: participantUnavailabilitySchema },
      },
    },
    async (request) => setParticipantUnavailability(deps, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/v1/participants/:id/unavailability/exceptions',
    {
      config: { permission: 'participant.write' },
      schema: {
        tags: ['availability'],
        summary: 'Record a one-off time the participant cannot come',
        params: participantIdParamsSchema,
        body: participantExceptionCreateSchema,
        response: { 201: participantUnavailabilitySchema },
      },
    },
    async (request, reply) => reply.code(201).send(await addParticipantException(deps, actorOf(request), request.params.id, request.body)),
  );

  app.delete(
    '/v1/participants/:id/unavailability/exceptions/:exceptionId',
    {
      config: { permission: 'participant.write' },
      schema: {
        tags: ['availability'],
        summary: 'Remove a one-off exception',
        params: participantExceptionParamsSchema,
        response: { 200: participantUnavailabilitySchema },
      },
    },
    async (request) => removeParticipantException(deps, actorOf(request), request.params.id, request.params.exceptionId),
  );
};
