/**
 * HTTP hygiene shared by every route: JSON bodies nested too deeply or carrying NUL characters are refused with 400,
 * API answers are never cached, state-changing API calls must come from the app's own origin, and a known address
 * asked with an unknown method answers 405 rather than 404.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import FindMyWay, { type HTTPMethod } from 'find-my-way';
import secureJson from 'secure-json-parse';
import { Problem, badRequest } from './problems.ts';

/** Deeper JSON than this is refused before it is parsed; no request of ours nests more than a handful of levels. */
export const MAX_JSON_DEPTH = 32;

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The deepest nesting of objects and arrays in a JSON text, scanning once and skipping string contents. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}

/** The path of the first string holding a NUL character (PostgreSQL text cannot store one), if any. */
export function findNul(value: unknown, path: string): string | null {
  const stack: [unknown, string][] = [[value, path]];
  while (stack.length) {
    const [v, p] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return p;
    } else if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        if (k.includes('\u0000')) return p;
        stack.push([child, `${p}.${k}`]);
      }
    }
  }
  return null;
}

/** The origins a state-changing request may come from: the configured public address, else the address asked. */
function allowedOrigins(baseUrl: string | undefined, request: FastifyRequest): string[] {
  if (baseUrl) return [new URL(baseUrl).origin];
  const host = request.headers.host;
  return host ? [`http://${host}`, `https://${host}`] : [];
}

/** A browser's state-changing call from another site (CSRF) is refused; clients that send neither header are not browsers. */
export function crossOriginRefusal(baseUrl: string | undefined, request: FastifyRequest): Problem | null {
  if (!STATE_CHANGING.has(request.method) || !request.url.startsWith('/api/v1/')) return null;
  const site = request.headers['sec-fetch-site'];
  const origin = request.headers.origin;
  // Built only when refusing: an Error captures its stack trace, which cost every state-changing request.
  const refused = () => new Problem(403, 'Not allowed', 'This change must be made from the Trellis app itself.');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return refused();
  if (origin !== undefined && !allowedOrigins(baseUrl, request).includes(origin)) return refused();
  return null;
}

export function registerHttpHygiene(app: FastifyInstance): void {
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = body as string;
    if (text === '') return done(null, undefined);
    if (jsonDepth(text) > MAX_JSON_DEPTH) {
      return done(badRequest([{ path: 'body', message: `nests deeper than ${MAX_JSON_DEPTH} levels` }]));
    }
    try {
      done(null, secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' }));
    } catch {
      done(badRequest([{ path: 'body', message: 'is not valid JSON' }]));
    }
  });

  app.addHook('preValidation', async (request) => {
    const at = findNul(request.body, 'body') ?? findNul(request.query, 'querystring') ?? findNul(request.params, 'params');
    if (at) throw badRequest([{ path: at, message: 'must not contain a NUL character' }]);
  });

  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/')) void reply.header('cache-control', 'no-store');
  });
}

/**
 * Answers "which methods does this address take?" for the not-found handler: a router holding every registered
 * address except the web app's catch-all.
 */
export function methodIndex(app: FastifyInstance): (method: string, url: string) => string[] {
  const router = FindMyWay();
  const seen = new Set<string>();
  app.addHook('onRoute', (route) => {
    if (route.url === '/*') return;
    for (const method of [route.method].flat()) {
      const key = `${method} ${route.url}`;
      if (seen.has(key)) continue;
      seen.add(key);
      router.on(method as HTTPMethod, route.url, () => undefined);
    }
  });
  return (method, url) => {
    const path = url.split('?')[0] ?? url;
    const methods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => router.find(m as HTTPMethod, path));
    return methods.includes(method) ? [] : methods;
  };
}
