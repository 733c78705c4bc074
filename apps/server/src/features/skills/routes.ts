/**
 * The skills library's routes: a program's published topics (setup), an episode's homework (treating staff), and the
 * participant's own library in the portal (no ids but the topic's).
 */
import {
  episodeIdParamsSchema,
  episodeSkillsSchema,
  portalSkillsSchema,
  programSkillsSaveSchema,
  programSkillsSchema,
  setupIdParamsSchema,
  skillAssignmentCreateSchema,
  skillAssignmentSchema,
  skillReadSchema,
  skillTopicParamsSchema,
} from '@trellis/core';
import type { FeatureRoutes } from '../index.ts';
import { actorOf, participantActorOf } from '../../http/route-config.ts';
import {
  assignSkill,
  markOwnSkillRead,
  publishProgramSkills,
  readEpisodeSkills,
  readOwnSkills,
  readProgramSkills,
} from './service.ts';

export const skillRoutes: FeatureRoutes = (app, deps) => {
  const tags = ['skills library'];
  app.get(
    '/v1/programs/:id/skills',
    {
      config: { permission: 'setup.read' },
      schema: {
        tags,
        summary: 'Every skills-library topic and whether the program publishes it',
        params: setupIdParamsSchema,
        response: { 200: programSkillsSchema },
      },
    },
    async (request) => readProgramSkills(deps, actorOf(request), request.params.id),
  );
  app.put(
    '/v1/programs/:id/skills',
    {
      config: { permission: 'setup.write' },
      schema: {
        tags,
        summary: 'Publish exactly these topics to the program’s participants; the others are withdrawn (audited)',
        params: setupIdParamsSchema,
        body: programSkillsSaveSchema,
        response: { 200: programSkillsSchema },
      },
    },
    async (request) => publishProgramSkills(deps, actorOf(request), request.params.id, request.body),
  );
  app.get(
    '/v1/episodes/:id/skill-assignments',
    {
      config: { permission: 'clinical-note.read' },
      schema: {
        tags,
        summary: 'The topics the episode’s program publishes and the homework assigned, read or unread (audited)',
        params: episodeIdParamsSchema,
        response: { 200: episodeSkillsSchema },
      },
    },
    async (request) => readEpisodeSkills(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/v1/episodes/:id/skill-assignments',
    {
      config: { permission: 'treatment-plan.write' },
      schema: {
        tags,
        summary:
          'Assign a published topic as homework; 422 when the program does not publish it, 409 when it is assigned and unread',
        params: episodeIdParamsSchema,
        body: skillAssignmentCreateSchema,
        response: { 201: skillAssignmentSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await assignSkill(deps, actorOf(request), request.params.id, request.body)),
  );
  app.get(
    '/v1/portal/skills',
    {
      config: { permission: 'participant' },
      schema: {
        tags,
        summary:
          'The participant’s skills library: topics their programs publish and homework assigned to them (audited)',
        response: { 200: portalSkillsSchema },
      },
    },
    async (request) => readOwnSkills(deps, participantActorOf(request)),
  );
  app.post(
    '/v1/portal/skills/:topic/read',
    {
      config: { permission: 'participant' },
      schema: {
        tags,
        summary: 'Mark a topic read: its homework shows as read to the care team (audited)',
        params: skillTopicParamsSchema,
        response: { 200: skillReadSchema },
      },
    },
    async (request) => markOwnSkillRead(deps, participantActorOf(request), request.params.topic),
  );
};
