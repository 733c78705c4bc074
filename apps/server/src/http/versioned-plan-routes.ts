/**
 * The staff routes of a plan versioned with `db/versioned-plans.ts`: read the latest with the list of versions, read
 * one version, save the next. One shape for every such plan; each feature names its path and schemas.
 */
import { participantIdParamsSchema, keptPlanVersionParamsSchema } from '@trellis/core';
import type { z } from 'zod';
import type { ApiScope } from '../features/index.ts';
import type { AppDeps } from '../app.ts';
import type { versionedPlans } from '../db/versioned-plans.ts';
import { actorOf } from './route-config.ts';

export function versionedPlanRoutes<TPlan>(
  app: ApiScope,
  deps: AppDeps,
  spec: {
    /** The plan's path under a participant, e.g. 'safety-plan'. */
    segment: string;
    /** What the summaries call it, e.g. 'safety plan (Stanley–Brown)'. */
    name: string;
    tags: string[];
    store: ReturnType<typeof versionedPlans<TPlan>>;
    schemas: { save: z.ZodType<{ basedOnVersion: number; plan: TPlan }>; version: z.ZodType; view: z.ZodType };
  },
): void {
  const { store, schemas, tags } = spec;
  const path = `/v1/participants/:id/${spec.segment}`;
  app.get(
    path,
    {
      config: { permission: 'clinical-note.read' },
      schema: {
        tags,
        summary: `A participant’s ${spec.name}: the latest version and the list of versions (audited)`,
        params: participantIdParamsSchema,
        response: { 200: schemas.view },
      },
    },
    async (request) => store.read(deps, actorOf(request), request.params.id),
  );
  app.get(
    `${path}/versions/:version`,
    {
      config: { permission: 'clinical-note.read' },
      schema: {
        tags,
        summary: `One saved version of a participant’s ${spec.name}, as it was (audited)`,
        params: keptPlanVersionParamsSchema,
        response: { 200: schemas.version },
      },
    },
    async (request) => store.readVersion(deps, actorOf(request), request.params.id, request.params.version),
  );
  app.put(
    path,
    {
      config: { permission: 'safety-plan.write' },
      schema: {
        tags,
        summary: `Save the next version of a participant’s ${spec.name}; basedOnVersion must be the latest (0 for the first), else 409`,
        params: participantIdParamsSchema,
        body: schemas.save,
        response: { 200: schemas.version },
      },
    },
    async (request) => store.save(deps, actorOf(request), request.params.id, request.body),
  );
}
