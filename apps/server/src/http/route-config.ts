import type { Action } from '@trellis/core';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../auth/access.ts';
import { unauthenticated } from './problems.ts';

/**
 * Every route declares who may call it: an action from the permission table, 'signed-in' for any staff member, or
 * 'public'. A test walks the registered routes and fails on any without one.
 */
export type RoutePermission = Action | 'signed-in' | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: RoutePermission;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** The signed-in staff member of a request whose route required one. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated();
  return request.actor;
}
