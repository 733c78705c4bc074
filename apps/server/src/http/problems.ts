/**
 * Errors as RFC 9457 problem details. Services throw these; the error handler turns them into
 * `application/problem+json`. Messages are plain words a clinician can act on and never carry clinical content.
 */
export interface FieldProblem {
  path: string;
  message: string;
}

export class Problem extends Error {
  /** Set once a refusal has been written to the audit trail, so the error handler does not write it twice. */
  audited = false;

  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldProblem[],
  ) {
    super(detail ?? title);
  }
}

/** 400: the request names a field with a bad value. */
export const badRequest = (errors: FieldProblem[], detail = 'Some fields need attention.') =>
  new Problem(400, 'Invalid request', detail, errors);
/** 401: nobody is signed in, or the session has expired. */
export const unauthenticated = () => new Problem(401, 'Not signed in', 'Sign in to continue.');
/** 403: not allowed; says nothing about whether or what the record is. */
export const forbidden = () => new Problem(403, 'Not allowed', 'You do not have access to this.');
/** 403: the organisation requires two-factor sign-in and the caller has not set it up yet. */
export const twoFactorRequired = () =>
  new Problem(403, 'Two-factor sign-in required', 'Your organisation requires two-factor sign-in. Set it up on your account page to continue.');
/** 404: no such thing in this organisation. */
export const notFound = (what: string) => new Problem(404, 'Not found', `${what} was not found.`);
/** 409: a conflict with the current state, e.g. a name already in use. */
export const conflict = (detail: string, errors?: FieldProblem[]) => new Problem(409, 'Conflict', detail, errors);
/**
 * 409 titles a client can tell apart: a stale version means "reload and redo", a booked room means "choose another
 * room or time" — the same status, different things for a person to do.
 */
export const CONFLICT_TITLES = { staleVersion: 'Changed by someone else', roomBooked: 'Room booked' } as const;
/** 409: the room is already booked at that time. */
export const roomBooked = (detail: string, errors?: FieldProblem[]) =>
  new Problem(409, CONFLICT_TITLES.roomBooked, detail, errors);
/** 422: a rule of the domain refuses it, e.g. the group is full. */
export const unprocessable = (detail: string, errors?: FieldProblem[]) =>
  new Problem(422, 'Not possible', detail, errors);

/**
 * Throws the first of a core rule's problems (each { field, message, status }): 400 for a bad value, 422 for a value
 * the domain refuses; the field is reported under `body.`.
 */
export function throwFirst(problems: readonly { field: string; message: string; status: 400 | 422 }[], detail: string): void {
  const [first] = problems;
  if (!first) return;
  const errors = [{ path: `body.${first.field}`, message: first.message }];
  throw first.status === 400 ? badRequest(errors) : unprocessable(detail, errors);
}

/** Throws 409 when the client's version is not the stored one (optimistic concurrency). */
export function assertVersion(stored: number, given: number, what: string): void {
  if (stored !== given) {
    throw new Problem(409, CONFLICT_TITLES.staleVersion, `${what} was changed by someone else. Reload to see the latest version, then try again.`, [
      { path: 'version', message: `expected ${stored}, got ${given}` },
    ]);
  }
}
