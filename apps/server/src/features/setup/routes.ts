import {
  closureCreatedSchema,
  closureDeletedSchema,
  closureListSchema,
  closuresQuerySchema,
  createClosureSchema,
  createProgramSchema,
  createRoomSchema,
  createSiteSchema,
  createTrackSchema,
  facilitatorClashCheckSchema,
  facilitatorClashListSchema,
  programListSchema,
  programSchema,
  roomListSchema,
  roomSchema,
  roomsQuerySchema,
  setupIdParamsSchema,
  siteListSchema,
  siteSchema,
  staffListSchema,
  staffQuerySchema,
  trackListSchema,
  trackSchema,
  tracksQuerySchema,
  updateProgramSchema,
  updateRoomSchema,
  updateSiteSchema,
  updateTrackSchema,
} from '@trellis/core';
import type { FeatureRoutes } from '../index.ts';
import { actorOf } from '../../http/route-config.ts';
import {
  createProgram,
  createRoom,
  createSite,
  getPrograms,
  getRooms,
  getSites,
  getStaff,
  updateProgram,
  updateRoom,
  updateSite,
} from './service.ts';
import { createTrack, getTrack, getTracks, updateTrack } from './tracks.ts';
import { createClosure, deleteClosure, getClosures } from './closures.ts';
import { checkFacilitatorClashes } from './facilitator-clashes.ts';

export const setupRoutes: FeatureRoutes = (app, deps) => {
  // ---- Closures ----
  app.get(
    '/v1/closures',
    {
      config: { permission: 'setup.read' },
      schema: {
        tags: ['setup'],
        summary: 'Days each site is closed (holidays, closures)',
        querystring: closuresQuerySchema,
        response: { 200: closureListSchema },
      },
    },
    async (request) => getClosures(deps, actorOf(request), request.query.siteId),
  );
  app.post(
    '/v1/closures',
    {
      config: { permission: 'setup.write' },
      schema: {
        tags: ['setup'],
        summary: 'Close a site for some days: its scheduled sessions then are cancelled with the reason',
        body: createClosureSchema,
        response: { 201: closureCreatedSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createClosure(deps, actorOf(request), request.body)),
  );
  app.delete(
    '/v1/closures/:id',
    {
      config: { permission: 'setup.write' },
      schema: {
        tags: ['setup'],
        summary: 'Delete a closure: the sessions it cancelled are scheduled again unless another closure covers their day',
        params: setupIdParamsSchema,
        response: { 200: closureDeletedSchema },
      },
    },
    async (request) => deleteClosure(deps, actorOf(request), request.params.id),
  );

  // ---- Sites ----
  app.get(
    '/v1/sites',
    {
      config: { permission: 'setup.read' },
      schema: { tags: ['setup'], summary: 'Sites of the organisation', response: { 200: siteListSchema } },
    },
    async (request) => getSites(deps, actorOf(request)),
  );
  app.post(
    '/v1/sites',
    {
      config: { permission: 'setup.write' },
      schema: {
        tags: ['setup'],
        summary: 'Add a site with its IANA time zone',
        body: createSiteSchema,
        response: { 201: siteSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createSite(deps, actorOf(request), request.body)),
  );
  app.patch(
    '/v1/sites/:id',
    {
      config: { permission: 'setup.write' },
      schema: {
        tags: ['setup'],
        summary: 'Change a site; a new time zone keeps future sessions at their local times',
        params: setupIdParamsSchema,
        body: updateSiteSchema,
        response: { 200: siteSchema },
      },
    },
    async (request) => updateSite(deps, actorOf(request), request.params.id, request.body),
  );

  // ---- Rooms ----
  app.get(
    '/v1/rooms',
    {
      config: { permission: 'setup.read' },
      schema: {
        tags: ['setup'],
        summary: 'Rooms, optionally of one site',
        querystring: roomsQuerySchema,
        response: { 200: roomListSchema },
      },
    },
    async (request) => getRooms(deps, actorOf(request), request.query.siteId),
  );
  app.post(
    '/v1/rooms',
    {
      config: { permission: 'setup.write' },
      schema: {
        tags: ['setup'],
        summary: 'Add a physical or virtual room to a site',
        body: createRoomSchema,
        response: { 201: roomSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createRoom(deps, actorOf(request), request.body)),
  );
  app.patch(
    '/v1/rooms/:id',
    {
      config: { permission: 'setup.write' },
      schema: {
        tags: ['setup'],
        summary: 'Change a room',
        params: setupIdParamsSchema,
        body: updateRoomSchema,
        response: { 200: roomSchema },
      },
    },
    async (request) => updateRoom(deps, actorOf(request), request.params.id, request.body),
  );

  // ---- Programs ----
  app.get(
    '/v1/programs',
    {
      config: { permission: 'setup.read' },
      schema: { tags: ['setup'], summary: 'Programs with their sites', response: { 200: programListSchema } },
    },
    async (request) => getPrograms(deps, actorOf(request)),
  );
  app.post(
    '/v1/programs',
    {
      config: { permission: 'setup.write' },
      schema: {
        tags: ['setup'],
        summary: 'Add a program; weekly hours default from its level of care and population',
        body: createProgramSchema,
        response: { 201: programSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createProgram(deps, actorOf(request), request.body)),
  );
  app.patch(
    '/v1/programs/:id',
    {
      config: { permission: 'setup.write' },
      schema: {
        tags: ['setup'],
        summary: 'Change a program',
        params: setupIdParamsSchema,
        body: updateProgramSchema,
        response: { 200: programSchema },
      },
    },
    async (request) => updateProgram(deps, actorOf(request), request.params.id, request.body),
  );

  // ---- Tracks ----
  app.get(
    '/v1/tracks',
    {
      config: { permission: 'setup.read' },
      schema: {
        tags: ['setup'],
        summary: 'Tracks with their weekly blocks, optionally of one program',
        querystring: tracksQuerySchema,
        response: { 200: trackListSchema },
      },
    },
    async (request) => getTracks(deps, actorOf(request), request.query.programId),
  );
  app.get(
    '/v1/tracks/:id',
    {
      config: { permission: 'setup.read' },
      schema: {
        tags: ['setup'],
        summary: 'A track with its weekly blocks',
        params: setupIdParamsSchema,
        response: { 200: trackSchema },
      },
    },
    async (request) => getTrack(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/v1/tracks',
    {
      config: { permission: 'setup.write' },
      schema: {
        tags: ['setup'],
        summary: 'Add a track and generate its sessions for the horizon',
        body: createTrackSchema,
        response: { 201: trackSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createTrack(deps, actorOf(request), request.body)),
  );
  app.put(
    '/v1/tracks/:id',
    {
      config: { permission: 'setup.write' },
      schema: {
        tags: ['setup'],
        summary: 'Replace a track’s name, state and blocks; future sessions follow',
        params: setupIdParamsSchema,
        body: updateTrackSchema,
        response: { 200: trackSchema },
      },
    },
    async (request) => updateTrack(deps, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/v1/tracks/facilitator-clashes',
    {
      config: { permission: 'setup.write' },
      schema: {
        tags: ['setup'],
        summary: 'Blocks whose facilitator already runs another track’s group at that weekly time (a warning)',
        body: facilitatorClashCheckSchema,
        response: { 200: facilitatorClashListSchema },
      },
    },
    async (request) => checkFacilitatorClashes(deps, actorOf(request), request.body),
  );

  // ---- Staff ----
  app.get(
    '/v1/staff',
    {
      config: { permission: 'staff.read' },
      schema: {
        tags: ['setup'],
        summary: 'Active staff, optionally of one role',
        querystring: staffQuerySchema,
        response: { 200: staffListSchema },
      },
    },
    async (request) => getStaff(deps, actorOf(request), request.query.role),
  );
};
