import {
  appointmentCancelSchema,
  appointmentCreateSchema,
  appointmentIdParamsSchema,
  appointmentListSchema,
  appointmentMarkSchema,
  appointmentRescheduleSchema,
  appointmentSchema,
  participantIdParamsSchema,
  slotListSchema,
  slotQuerySchema,
  staffDayQuerySchema,
  staffDaySchema,
  staffIdParamsSchema,
} from '@trellis/core';
import type { FeatureRoutes } from '../index.ts';
import { actorOf } from '../../http/route-config.ts';
import {
  bookAppointment,
  cancelAppointment,
  findSlots,
  markAppointment,
  readParticipantAppointments,
  readStaffDay,
  rescheduleAppointment,
} from './service.ts';

export const appointmentRoutes: FeatureRoutes = (app, deps) => {
  app.get(
    '/v1/appointments/slots',
    {
      config: { permission: 'appointment.read' },
      schema: {
        tags: ['appointments'],
        summary: 'The next free slots for a participant and a clinician, with a free room (audited)',
        querystring: slotQuerySchema,
        response: { 200: slotListSchema },
      },
    },
    async (request) => findSlots(deps, actorOf(request), request.query),
  );

  app.post(
    '/v1/appointments',
    {
      config: { permission: 'appointment.write' },
      schema: {
        tags: ['appointments'],
        summary: 'Book an appointment of the kind’s set length; 409 naming the clash when the time is not free',
        body: appointmentCreateSchema,
        response: { 201: appointmentSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await bookAppointment(deps, actorOf(request), request.body)),
  );

  app.post(
    '/v1/appointments/:id/reschedule',
    {
      config: { permission: 'appointment.write' },
      schema: {
        tags: ['appointments'],
        summary: 'Move a booked appointment to another time or room, with a reason (409 on a clash or a stale version)',
        params: appointmentIdParamsSchema,
        body: appointmentRescheduleSchema,
        response: { 200: appointmentSchema },
      },
    },
    async (request) => rescheduleAppointment(deps, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/v1/appointments/:id/cancel',
    {
      config: { permission: 'appointment.write' },
      schema: {
        tags: ['appointments'],
        summary: 'Cancel a booked appointment with a reason; `late` records a late cancellation',
        params: appointmentIdParamsSchema,
        body: appointmentCancelSchema,
        response: { 200: appointmentSchema },
      },
    },
    async (request) => cancelAppointment(deps, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/v1/appointments/:id/mark',
    {
      config: { permission: 'appointment.mark' },
      schema: {
        tags: ['appointments'],
        summary: 'Record that an appointment was attended or missed (no-show); attended ones of counting kinds add to weekly hours',
        params: appointmentIdParamsSchema,
        body: appointmentMarkSchema,
        response: { 200: appointmentSchema },
      },
    },
    async (request) => markAppointment(deps, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/v1/participants/:id/appointments',
    {
      config: { permission: 'appointment.read' },
      schema: {
        tags: ['appointments'],
        summary: 'A participant’s appointments, newest first (audited)',
        params: participantIdParamsSchema,
        response: { 200: appointmentListSchema },
      },
    },
    async (request) => readParticipantAppointments(deps, actorOf(request), request.params.id),
  );

  app.get(
    '/v1/staff/:id/day',
    {
      config: { permission: 'appointment.read' },
      schema: {
        tags: ['appointments'],
        summary: 'A clinician’s or prescriber’s day: their appointments and the groups they run (audited)',
        params: staffIdParamsSchema,
        querystring: staffDayQuerySchema,
        response: { 200: staffDaySchema },
      },
    },
    async (request) => readStaffDay(deps, actorOf(request), request.params.id, request.query.date),
  );
};
