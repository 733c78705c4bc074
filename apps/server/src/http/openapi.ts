/**
 * Makes the generated OpenAPI document a contract a client generator can use: every operation named, the session
 * cookie required wherever the route requires a signed-in member, the problem+json answers it can give, the server
 * and the licence.
 */
import type { OpenAPIV3_1 } from 'openapi-types';
import type { RoutePermission } from './route-config.ts';

type Document = OpenAPIV3_1.Document;
type Operation = OpenAPIV3_1.OperationObject;

export const SESSION_COOKIE = 'better-auth.session_token';

const problemSchema: OpenAPIV3_1.SchemaObject = {
  type: 'object',
  description: 'An RFC 9457 problem: plain words a person can act on; `errors` names the fields that need attention.',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' } } },
    },
  },
};

const PROBLEMS = {
  '400': ['BadRequest', 'The request has a field with a bad value (the errors name it).'],
  '401': ['Unauthorized', 'Nobody is signed in, or the session has ended.'],
  '403': ['Forbidden', 'Not allowed (says nothing about the record), or a change sent from another site.'],
  '404': ['NotFound', 'No such record in this organisation.'],
  '409': ['Conflict', 'The record changed since it was read (stale version), or it conflicts with another.'],
  '422': ['Unprocessable', 'A rule of the domain refuses it.'],
  '429': ['TooManyRequests', 'Too many requests from this address; Retry-After says when to try again.'],
} as const;
type ProblemStatus = keyof typeof PROBLEMS;

const VERBS: Record<string, string> = { get: 'get', post: 'create', put: 'replace', patch: 'update', delete: 'delete' };

/** 'post', '/api/v1/episodes/{id}/track-moves' → 'createEpisodeByIdTrackMoves'-like names, stable and unique. */
export function operationIdFor(method: string, path: string): string {
  const words = path
    .replace(/^\/api\/(v1\/)?/, '')
    .split('/')
    .filter(Boolean)
    .flatMap((segment) => {
      const param = /^\{(.+)\}$/.exec(segment);
      return param ? ['by', param[1]!] : segment.split(/[-_.]/);
    });
  const camel = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  return `${VERBS[method] ?? method}${camel}`;
}

/** `transformObject` for @fastify/swagger: `permissions` maps 'METHOD /fastify/:path' to the route's permission. */
export function completeOpenApi(doc: Document, permissions: Map<string, RoutePermission | undefined>, serverUrl: string): Document {
  doc.servers = [{ url: serverUrl, description: 'This Trellis server' }];
  doc.info.license = { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' };
  doc.components = {
    ...doc.components,
    securitySchemes: {
      session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'The session cookie set by POST /api/auth/sign-in/email.' },
    },
    schemas: { ...doc.components?.schemas, Problem: problemSchema },
    responses: Object.fromEntries(
      Object.values(PROBLEMS).map(([name, description]) => [
        name,
        { description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
      ]),
    ),
  };
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    const fastifyPath = path.replace(/\{([^}]+)\}/g, ':$1');
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const op: Operation | undefined = item?.[method];
      if (!op) continue;
      const permission = permissions.get(`${method.toUpperCase()} ${fastifyPath}`);
      op.operationId ??= operationIdFor(method, path);
      const statuses: ProblemStatus[] = ['400'];
      if (permission !== 'public') {
        op.security = [{ session: [] }];
        statuses.push('401');
        if (permission !== 'signed-in' || method !== 'get') statuses.push('403');
      } else {
        op.security = [];
        // The public way in is rate limited per address, and a change from another site is refused.
        if (path.startsWith('/api/v1/public/')) statuses.push('429');
        if (method !== 'get') statuses.push('403');
      }
      if (path.includes('{')) statuses.push('404');
      if (method !== 'get') statuses.push('409', '422');
      op.responses = { ...op.responses };
      for (const status of statuses) op.responses[status] ??= { $ref: `#/components/responses/${PROBLEMS[status][0]}` };
    }
  }
  return doc;
}
