/**
 * Builds the HTTP application. Dependencies are passed down explicitly: `buildApp({ db, clock, config })`.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { roleAllows, STAFF_ROLES, type StaffRole } from '@trellis/core';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Db } from './db/index.ts';
import { appUser } from './db/schema.ts';
import { recordAudit } from './audit/audit.ts';
import { eq } from 'drizzle-orm';
import { createAuth, CLIENT_IP_HEADER, type Auth } from './auth/auth.ts';
import type { Actor } from './auth/access.ts';
import { Problem, forbidden, twoFactorRequired, unauthenticated } from './http/problems.ts';
import type { RoutePermission } from './http/route-config.ts';
import { registerFeatures } from './features/index.ts';

import { VERSION } from './version.ts';
export { VERSION };

export interface AppDeps {
  db: Db;
  dbKind: 'pglite' | 'postgres';
  clock: Clock;
  config: Config;
  auth: Auth;
}

export type App = FastifyInstance & { withTypeProvider(): FastifyInstance };
export type TypedApp = ReturnType<FastifyInstance['withTypeProvider']> & {};

export interface RegisteredRoute {
  method: string;
  url: string;
  permission: RoutePermission | undefined;
}

export async function buildApp(input: {
  db: Db;
  dbKind: 'pglite' | 'postgres';
  clock: Clock;
  config: Config;
}): Promise<{ app: FastifyInstance; deps: AppDeps; routes: RegisteredRoute[] }> {
  const { config } = input;
  const auth = createAuth(input.db, config, input.clock);
  const deps: AppDeps = { ...input, auth };

  const app = Fastify({
    logger:
      config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            // Logs never carry clinical content: requests are logged by method, route and status only.
            serializers: {
              req: (req: { method: string; routeOptions?: { url?: string } }) => ({ method: req.method, route: req.routeOptions?.url }),
            },
          },
    trustProxy: config.trustProxy,
    bodyLimit: 1_048_576,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('actor', null);

  const routes: RegisteredRoute[] = [];
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs') && !route.config?.permission) {
      route.config = { ...route.config, permission: 'public' };
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      routes.push({ method, url: route.url, permission: route.config?.permission });
    }
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: config.baseUrl?.startsWith('https://') ?? false,
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Trellis API', version: VERSION, description: 'Intensive outpatient program operations' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'better-auth.session_token' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.addHook('preHandler', async (request) => {
    const permission = request.routeOptions.config.permission;
    if (permission === undefined) throw new Problem(500, 'Route without permission', 'This route declares no permission.');
    if (permission === 'public') return;
    const actor = await actorFromSession(auth, request.headers);
    if (!actor) throw unauthenticated();
    request.actor = actor;
    if (permission !== 'signed-in' && actor.twoFactorPending) throw twoFactorRequired();
    if (permission !== 'signed-in' && !roleAllows(actor.role, permission)) throw forbidden();
  });

  app.setErrorHandler(async (error, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = error.validation.map((v) => ({
        path: [error.validationContext, ...String(v.instancePath).split('/').filter(Boolean)].join('.') || String(error.validationContext),
        message: v.message ?? 'is invalid',
      }));
      return reply
        .status(400)
        .type('application/problem+json')
        .send({ type: 'about:blank', title: 'Invalid request', status: 400, detail: 'Some fields need attention.', errors });
    }
    if (error instanceof Problem) {
      if (error.status === 403 && request.actor && !error.audited) await auditRefusal(deps, request);
      return reply.status(error.status).type('application/problem+json').send({
        type: 'about:blank',
        title: error.title,
        status: error.status,
        detail: error.detail,
        ...(error.errors ? { errors: error.errors } : {}),
      });
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500 && !isResponseSerializationError(error)) {
      return reply
        .status(status)
        .type('application/problem+json')
        .send({ type: 'about:blank', title: 'Invalid request', status, detail: (error as Error).message });
    }
    request.log.error({ err: { name: (error as Error).name, code: (error as { code?: string }).code } }, 'unhandled error');
    return reply
      .status(500)
      .type('application/problem+json')
      .send({ type: 'about:blank', title: 'Something went wrong', status: 500, detail: 'The server could not finish this request. Nothing was saved.' });
  });

  // better-auth serves sign-in, sign-out and session under /api/auth.
  app.route({
    method: ['GET', 'POST'],
    url: '/api/auth/*',
    config: { permission: 'public' },
    schema: { hide: true },
    handler: async (request, reply) => {
      const url = new URL(request.url, `http://${request.headers.host ?? 'localhost'}`);
      const headers = new Headers();
      for (const [key, value] of Object.entries(request.headers)) {
        if (value === undefined || key === CLIENT_IP_HEADER) continue;
        headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      headers.set(CLIENT_IP_HEADER, request.ip);
      const response = await auth.handler(
        new Request(url, {
          method: request.method,
          headers,
          body: request.method === 'GET' || request.body === undefined ? undefined : JSON.stringify(request.body),
        }),
      );
      reply.status(response.status);
      response.headers.forEach((value, key) => {
        if (key !== 'set-cookie' && key !== 'content-length') void reply.header(key, value);
      });
      const cookies = response.headers.getSetCookie();
      if (cookies.length) void reply.header('set-cookie', cookies);
      const text = await response.text();
      if (url.pathname === '/api/auth/sign-in/email' && request.method === 'POST') {
        const awaitingSecondFactor = response.status === 200 && text.includes('"twoFactorRedirect":true');
        await auditSignIn(deps, (request.body as { email?: unknown } | undefined)?.email, response.status, awaitingSecondFactor);
      }
      return reply.send(text);
    },
  });

  await app.register(async (api) => registerFeatures(api.withTypeProvider<ZodTypeProvider>(), deps), { prefix: '/api' });

  const notFoundProblem = { type: 'about:blank', title: 'Not found', status: 404, detail: 'There is nothing at this address.' };
  const webDist = config.webDist ?? fileURLToPath(new URL('../../web/dist', import.meta.url));
  if (existsSync(join(webDist, 'index.html'))) {
    // The web app: hashed assets are cached for good; every other path is the single-page app's index.html.
    await app.register(fastifyStatic, { root: webDist, serve: false });
    app.get('/*', { config: { permission: 'public' }, schema: { hide: true } }, (request, reply) => {
      const path = (request.params as { '*': string })['*'];
      if (request.url.startsWith('/api/')) return reply.status(404).type('application/problem+json').send(notFoundProblem);
      const isFile = (p: string) => !p.includes('..') && existsSync(join(webDist, p)) && statSync(join(webDist, p)).isFile();
      if (path.startsWith('assets/') && isFile(path)) {
        return reply.header('cache-control', 'public, max-age=31536000, immutable').sendFile(path);
      }
      if (path && isFile(path)) return reply.sendFile(path);
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  }
  app.setNotFoundHandler((_request, reply) => reply.status(404).type('application/problem+json').send(notFoundProblem));

  return { app, deps, routes };
}

/** A refusal of a signed-in staff member goes into the audit trail on its own (the use case's transaction rolled back). */
async function auditRefusal(deps: AppDeps, request: FastifyRequest): Promise<void> {
  const actor = request.actor;
  if (!actor) return;
  await deps.db.transaction(async (tx) =>
    recordAudit(
      tx,
      actor,
      actor.orgId,
      {
        action: 'access.denied',
        outcome: 'denied',
        // The route, not the id asked for: an id from the request is not echoed into the trail unverified.
        entityType: 'route',
        details: { method: request.method, route: request.routeOptions.url ?? null },
      },
      deps.clock.now(),
    ),
  );
}

/** Sign-ins and refused sign-ins go into the audit trail of the account's organisation (unknown emails have none). */
async function auditSignIn(deps: AppDeps, email: unknown, status: number, awaitingSecondFactor = false): Promise<void> {
  if (typeof email !== 'string') return;
  const [user] = await deps.db
    .select({ id: appUser.id, orgId: appUser.orgId, role: appUser.role })
    .from(appUser)
    .where(eq(appUser.email, email.toLowerCase()));
  if (!user) return;
  const ok = status === 200;
  await deps.db.transaction(async (tx) =>
    recordAudit(
      tx,
      { userId: user.id, role: user.role, orgId: user.orgId },
      user.orgId,
      {
        action: ok ? 'auth.sign-in' : 'auth.sign-in-failed',
        outcome: ok ? 'success' : 'denied',
        entityType: 'staff',
        entityId: user.id,
        // With two-factor on, the password step signs nobody in yet; the code step is audited by the account rules.
        details: ok ? (awaitingSecondFactor ? { awaitingSecondFactor: true } : {}) : { reason: status === 429 ? 'rate-limited' : 'bad-credentials' },
      },
      deps.clock.now(),
    ),
  );
}

async function actorFromSession(auth: Auth, rawHeaders: Record<string, string | string[] | undefined>): Promise<Actor | null> {
  const headers = new Headers();
  for (const [key, value] of Object.entries(rawHeaders)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const result = await auth.api.getSession({ headers });
  if (!result) return null;
  const user = result.user as typeof result.user & { orgId: string; role: string; active?: boolean };
  if (user.active === false || !STAFF_ROLES.includes(user.role as StaffRole)) return null;
  const twoFactorPending = (result.session as { twoFactorPending?: boolean }).twoFactorPending === true;
  return { userId: user.id, orgId: user.orgId, role: user.role as StaffRole, name: user.name, email: user.email, twoFactorPending };
}
