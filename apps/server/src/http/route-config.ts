import type { Action } from '@trellis/core';
import type { FastifyRequest } from 'fastify';
import type { Actor, FamilyActor, ParticipantActor } from '../auth/access.ts';
import type { ReadAlong, RememberedSignIn } from '../auth/session-check.ts';
import { unauthenticated } from './problems.ts';

/**
 * Every route declares who may call it: an action from the permission table, 'signed-in' for any staff member,
 * 'participant' for a participant signed in to the portal (and nobody else), 'family' for a family member signed in to
 * the family portal (and nobody else), or 'public'. A test walks the registered
 * routes and fails on any without one.
 */
export type RoutePermission = Action | 'signed-in' | 'participant' | 'family' | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: RoutePermission;
    /**
     * A read the route's handler will need, run in the session check's own statement (one round trip for both); null
     * when the request's values do not allow it (the handler then reads for itself).
     */
    readAlong?: (request: FastifyRequest) => ReadAlong | null;
    /**
     * The route's handler can make its write in the session check's own statement: a remembered staff sign-in is let
     * in before the body is read, unchecked, and `signInToConfirm` set; the handler's statement must check it, or the
     * handler call `confirmSignIn` before doing anything else.
     */
    writeAlong?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** The participant signed in to the portal, on a 'participant' route. */
    participantActor: ParticipantActor | null;
    /** The family member signed in to the family portal, on a 'family' route. */
    familyActor: FamilyActor | null;
    /** The row of the route's read along the session check (`readAlong`), when it ran; else null. */
    readAlong: Record<string, unknown> | null;
    /** On a `writeAlong` route: the remembered sign-in let in without a check yet; null once checked. */
    signInToConfirm: RememberedSignIn | null;
    /** On a `writeAlong` route: checks the sign-in now (the route's read along), and lets in or refuses as usual. */
    confirmSignIn: (() => Promise<void>) | null;
  }
}

/** The signed-in staff member of a request whose route required one. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated();
  return request.actor;
}

/** The participant signed in to the portal, on a route whose permission is 'participant'. */
export function participantActorOf(request: FastifyRequest): ParticipantActor {
  if (!request.participantActor) throw unauthenticated();
  return request.participantActor;
}

/** The family member signed in to the family portal, on a route whose permission is 'family'. */
export function familyActorOf(request: FastifyRequest): FamilyActor {
  if (!request.familyActor) throw unauthenticated();
  return request.familyActor;
}
