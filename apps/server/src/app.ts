/**
 * Builds the HTTP application. Dependencies are passed down explicitly: `buildApp({ db, clock, config })`.
 */
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { brotliCompressSync, constants as zlibConstants } from 'node:zlib';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
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
import { FAMILY_ROLE, PARTICIPANT_ROLE, roleAllows } from '@trellis/core';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Db } from './db/index.ts';
import { appUser, familyMember, participantUser } from './db/schema.ts';
import { recordAudit } from './audit/audit.ts';
import { eq } from 'drizzle-orm';
import { createAuth, CLIENT_IP_HEADER, type Auth } from './auth/auth.ts';
import { betterAuthCall } from './auth/auth-calls.ts';
import { recordSignInOutcome, signInRetryAfter } from './auth/sign-in-throttle.ts';
import { isFamilyActor, isParticipantActor, type Actor, type FamilyActor, type ParticipantActor, type Principal } from './auth/access.ts';
import { ASK_BETTER_AUTH, createSessionCheck, principalOf, type ReadAlong, type SessionCheck } from './auth/session-check.ts';
import { Problem, forbidden, twoFactorRequired, unauthenticated } from './http/problems.ts';
import { crossOriginRefusal, methodIndex, registerHttpHygiene } from './http/hooks.ts';
import { registerSecurityHeaders } from './http/security-headers.ts';
import { demoGuard, demoRefused } from './http/demo-guard.ts';
import { TooManyRequests } from './http/rate-limit.ts';
import type { RoutePermission } from './http/route-config.ts';
import { registerFeatures } from './features/index.ts';
import { publicPageSlug, wayInHtml } from './features/way-in/page.ts';
import { completeOpenApi } from './http/openapi.ts';
import type { OpenAPIV3_1 } from 'openapi-types';

import { VERSION } from './version.ts';
export { VERSION };

const ONE_YEAR_MS = 365 * 24 * 3_600_000;

export interface AppDeps {
  db: Db;
  dbKind: 'pglite' | 'postgres';
  clock: Clock;
  config: Config;
  auth: Auth;
  /** The staff member a request's headers are signed in as (the same check every request passes), or null. */
  signedIn: (headers: Record<string, string | string[] | undefined>) => Promise<Actor | null>;
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
  const sessionCheck = createSessionCheck(auth, input.db);
  const principalOfRequest = (headers: Record<string, string | string[] | undefined>, reply?: FastifyReply, along?: ReadAlong) =>
    principalFromSession(auth, sessionCheck, input.db, headers, reply, along);
  const deps: AppDeps = {
    ...input,
    auth,
    signedIn: async (headers) => {
      const { principal } = await principalOfRequest(headers);
      return principal && !isParticipantActor(principal) && !isFamilyActor(principal) ? principal : null;
    },
  };

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
  app.decorateRequest('participantActor', null);
  app.decorateRequest('familyActor', null);
  app.decorateRequest('readAlong', null);
  app.decorateRequest('signInToConfirm', null);
  app.decorateRequest('confirmSignIn', null);

  registerHttpHygiene(app);
  const demo = demoGuard(input.db, config.allowDemoRemote);
  const allowedMethods = methodIndex(app);
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

  registerSecurityHeaders(app, {
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
    },
    transform: jsonSchemaTransform,
    transformObject: (documentObject) => {
      if (!('openapiObject' in documentObject)) return documentObject.swaggerObject;
      const permissions = new Map(routes.map((r) => [`${r.method} ${r.url}`, r.permission]));
      return completeOpenApi(documentObject.openapiObject as OpenAPIV3_1.Document, permissions, config.baseUrl ?? '/');
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { config: { permission: 'public' }, schema: { hide: true } }, () => app.swagger());

  /** Lets in (or refuses) whoever a request is signed in as, on its route's permission. */
  const admit = async (request: FastifyRequest, permission: RoutePermission, principal: Principal | null) => {
    if (permission !== 'public') {
      if (!principal) throw unauthenticated();
      if (await demo.refusesOrg(request.ip, principal.orgId)) throw demoRefused();
      // A participant reaches the portal's routes and nothing else, a family member the family portal's; staff reach
      // everything but those.
      if (isParticipantActor(principal)) {
        request.participantActor = principal;
        if (permission !== 'participant') throw forbidden();
      } else if (isFamilyActor(principal)) {
        request.familyActor = principal;
        if (permission !== 'family') throw forbidden();
      } else {
        request.actor = principal;
        if (permission === 'participant' || permission === 'family') throw forbidden();
      }
    }
    const refusal = crossOriginRefusal(config.baseUrl, request);
    if (refusal) throw refusal;
    if (request.actor && permission !== 'signed-in' && permission !== 'public' && permission !== 'participant' && permission !== 'family') {
      // Someone who must still enrol in two-factor sign-in may only do that (and read who they are).
      if (request.actor.twoFactorPending) throw twoFactorRequired();
      if (!roleAllows(request.actor.role, permission)) throw forbidden();
    }
  };

  /** The session check, in its own round trip (with the route's read along): who the request is signed in as. */
  const checkSignIn = async (request: FastifyRequest, reply: FastifyReply, permission: RoutePermission) => {
    // A route may have a read of its own go along with the session check, in the same round trip.
    const { principal, along } = await principalOfRequest(request.headers, reply, request.routeOptions.config.readAlong?.(request) ?? undefined);
    request.readAlong = along;
    await admit(request, permission, principal);
  };

  // Who is asking is settled before the body is parsed or validated: an anonymous request gets 401 whatever it sends.
  // A route that writes along the session check (`writeAlong`) lets in a remembered staff sign-in for now; its
  // handler's statement checks the sign-in, or the handler (or any error before it) calls `confirmSignIn` first.
  app.addHook('onRequest', async (request, reply) => {
    if (request.is404) return;
    const permission = request.routeOptions.config.permission;
    if (permission === undefined) throw new Problem(500, 'Route without permission', 'This route declares no permission.');
    const remembered =
      permission !== 'public' && request.routeOptions.config.writeAlong
        ? await sessionCheck.remembered([request.headers.cookie ?? []].flat().join('; ') || undefined)
        : null;
    if (remembered) {
      try {
        await admit(request, permission, remembered.actor);
        request.signInToConfirm = remembered;
        request.confirmSignIn = async () => {
          request.signInToConfirm = null;
          request.actor = null;
          await checkSignIn(request, reply, permission);
        };
        return;
      } catch {
        // Refused as remembered: the sign-in may have changed since; check it now.
        request.actor = null;
      }
    }
    await checkSignIn(request, reply, permission);
  });

  app.setErrorHandler(async (thrown, request, reply) => {
    let error = thrown;
    // Nothing is answered to a sign-in not yet checked: a refusal of the sign-in comes first, as on every route.
    if (request.signInToConfirm) {
      try {
        await request.confirmSignIn!();
      } catch (refused) {
        error = refused;
      }
    }
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
      if (error.status === 403 && (request.actor || request.participantActor || request.familyActor) && !error.audited) await auditRefusal(deps, request);
      if (error instanceof TooManyRequests) void reply.header('retry-after', String(error.retryAfterSeconds));
      return reply.status(error.status).type('application/problem+json').send({
        type: 'about:blank',
        title: error.title,
        status: error.status,
        detail: error.detail,
        ...(error.errors ? { errors: error.errors } : {}),
      });
    }
    if (isDataException(error)) {
      return reply
        .status(400)
        .type('application/problem+json')
        .send({ type: 'about:blank', title: 'Invalid request', status: 400, detail: 'A value is out of range or malformed.' });
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
      const signingIn = url.pathname === '/api/auth/sign-in/email' && request.method === 'POST';
      const email = (request.body as { email?: unknown } | undefined)?.email;
      if (signingIn) {
        if (await demo.refusesSignIn(request.ip, email)) throw demoRefused();
        const wait = await signInRetryAfter(deps.db, config, deps.clock.now(), request.ip, email);
        if (wait > 0) {
          await auditSignIn(deps, email, 429);
          return reply
            .status(429)
            .header('retry-after', String(wait))
            .type('application/problem+json')
            .send({ type: 'about:blank', title: 'Too many attempts', status: 429, detail: `Too many refused sign-ins. Try again in ${wait} seconds.` });
        }
      }
      const response = await betterAuthCall(() =>
        auth.handler(
          new Request(url, {
            method: request.method,
            headers,
            body: request.method === 'GET' || request.body === undefined ? undefined : JSON.stringify(request.body),
          }),
        ),
      );
      reply.status(response.status);
      response.headers.forEach((value, key) => {
        if (key !== 'set-cookie' && key !== 'content-length') void reply.header(key, value);
      });
      const cookies = response.headers.getSetCookie();
      if (cookies.length) void reply.header('set-cookie', cookies);
      const text = await response.text();
      if (signingIn) {
        if (response.status !== 429) await recordSignInOutcome(deps.db, config, deps.clock.now(), request.ip, email, response.status === 200);
        const awaitingSecondFactor = response.status === 200 && text.includes('"twoFactorRedirect":true');
        await auditSignIn(deps, email, response.status, awaitingSecondFactor);
      }
      return reply.send(text);
    },
  });

  await app.register(async (api) => registerFeatures(api.withTypeProvider<ZodTypeProvider>(), deps), { prefix: '/api' });

  const notFoundProblem = { type: 'about:blank', title: 'Not found', status: 404, detail: 'There is nothing at this address.' };
  // 405 with Allow when the address is known under other methods, else 404.
  const notFoundOrNotAllowed = (request: FastifyRequest, reply: FastifyReply) => {
    const allow = allowedMethods(request.method, request.url);
    if (allow.length) {
      return reply
        .status(405)
        .header('allow', allow.join(', '))
        .type('application/problem+json')
        .send({ type: 'about:blank', title: 'Method not allowed', status: 405, detail: `This address answers ${allow.join(', ')}.` });
    }
    return reply.status(404).type('application/problem+json').send(notFoundProblem);
  };
  const webDist = config.webDist ?? fileURLToPath(new URL('../../web/dist', import.meta.url));
  if (existsSync(join(webDist, 'index.html'))) {
    // The web app: hashed assets are cached for good and sent as the brotli or gzip copy the build wrote beside them;
    // the pages (index.html, and way-in.html for the public pages under /p/:orgSlug, which load none of the staff app)
    // are revalidated on every visit; every other path is the single-page app's index.html.
    await app.register(fastifyStatic, { root: webDist, serve: false, preCompressed: true });
    app.get('/*', { config: { permission: 'public' }, schema: { hide: true } }, async (request, reply) => {
      const path = (request.params as { '*': string })['*'];
      if (request.url.startsWith('/api/')) return notFoundOrNotAllowed(request, reply);
      const isFile = (p: string) => !p.includes('..') && existsSync(join(webDist, p)) && statSync(join(webDist, p)).isFile();
      if (path.startsWith('assets/') && isFile(path)) return reply.sendFile(path, { maxAge: ONE_YEAR_MS, immutable: true });
      const page = (/^p\/[^/]+(?:\/|$)/.test(path) || path === 'way-in.html') && isFile('way-in.html') ? 'way-in.html' : 'index.html';
      if (path && path !== page && path !== 'index.html' && isFile(path)) return reply.sendFile(path);
      // A public page carries its organisation's program page, so the phone needs no API call to show it.
      const slug = page === 'way-in.html' ? publicPageSlug(path) : null;
      const html = slug ? await wayInHtml(deps, await readFile(join(webDist, page), 'utf8'), slug, request.ip) : null;
      if (html === null) return reply.header('cache-control', 'no-cache').sendFile(page, { cacheControl: false });
      void reply.header('cache-control', 'no-cache').header('vary', 'accept-encoding').type('text/html; charset=utf-8');
      if (!/\bbr\b/.test(String(request.headers['accept-encoding'] ?? ''))) return reply.send(html);
      const quick = { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } };
      return reply.header('content-encoding', 'br').send(brotliCompressSync(html, quick));
    });
  }
  app.setNotFoundHandler(notFoundOrNotAllowed);

  return { app, deps, routes };
}

/**
 * A refusal of a signed-in staff member or participant goes into the audit trail on its own (the use case's
 * transaction rolled back). A participant's refusal is filed under their own record, so it shows in their trail.
 */
async function auditRefusal(deps: AppDeps, request: FastifyRequest): Promise<void> {
  const actor: Actor | ParticipantActor | FamilyActor | null = request.actor ?? request.participantActor ?? request.familyActor;
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
        participantId: isParticipantActor(actor) || isFamilyActor(actor) ? actor.participantId : null,
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
        entityType: user.role === PARTICIPANT_ROLE || user.role === FAMILY_ROLE ? 'portal-account' : 'staff',
        entityId: user.id,
        // With two-factor on, the password step signs nobody in yet; the code step is audited by the account rules.
        details: ok ? (awaitingSecondFactor ? { awaitingSecondFactor: true } : {}) : { reason: status === 429 ? 'rate-limited' : 'bad-credentials' },
      },
      deps.clock.now(),
    ),
  );
}

/** PostgreSQL's "data exception" class (22…): a value the database cannot hold, e.g. year 0 or a NUL character. */
function isDataException(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, i = 0; e && i < 4; e = e.cause as typeof e, i++) {
    if (typeof e.code === 'string' && /^22[0-9A-Z]{3}$/.test(e.code)) return true;
  }
  return false;
}

async function principalFromSession(
  auth: Auth,
  sessionCheck: SessionCheck,
  db: Db,
  rawHeaders: Record<string, string | string[] | undefined>,
  reply?: FastifyReply,
  along?: ReadAlong,
): Promise<{ principal: Principal | null; along: Record<string, unknown> | null }> {
  const fast = await sessionCheck(rawHeaders.cookie === undefined ? undefined : [rawHeaders.cookie].flat().join('; '), along);
  if (fast.principal !== ASK_BETTER_AUTH) return { principal: fast.principal, along: fast.along };
  const headers = new Headers();
  for (const [key, value] of Object.entries(rawHeaders)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const { response: result, headers: answer } = await betterAuthCall(() => auth.api.getSession({ headers, returnHeaders: true }));
  // When the server extends the session it renews the cookie too, or the browser drops it at the first expiry.
  const renewed = answer.getSetCookie();
  if (renewed.length && reply) void reply.header('set-cookie', renewed);
  if (!result) return { principal: null, along: null };
  const user = result.user as typeof result.user & { role: string };
  let participantId: string | null = null;
  let familyMemberId: string | null = null;
  if (user.role === PARTICIPANT_ROLE) {
    const [link] = await db.select({ participantId: participantUser.participantId }).from(participantUser).where(eq(participantUser.userId, user.id));
    participantId = link?.participantId ?? null;
  }
  if (user.role === FAMILY_ROLE) {
    const [link] = await db.select({ id: familyMember.id, participantId: familyMember.participantId }).from(familyMember).where(eq(familyMember.userId, user.id));
    familyMemberId = link?.id ?? null;
    participantId = link?.participantId ?? null;
  }
  // better-auth's own path reads no more: a route's read along is then made by the route itself.
  return { principal: principalOf({ ...user, participantId, familyMemberId }, (result.session as { twoFactorPending?: boolean }).twoFactorPending === true), along: null };
}
