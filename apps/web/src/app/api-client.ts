/**
 * The one way the web app talks to the server: JSON over fetch with the session cookie, problem+json errors turned
 * into an ApiError that carries the server's `detail` and per-field `errors` in plain words.
 */

export interface FieldProblem {
  path: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly errors: FieldProblem[];
  /** The sign-in library's name for the refusal ('PASSWORD_POLICY', 'INVALID_PASSWORD'), where it gives one. */
  readonly code: string | null;

  constructor(status: number, title: string, detail: string, errors: FieldProblem[] = [], code: string | null = null) {
    super(detail || title);
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.errors = errors;
    this.code = code;
  }
}

/** Called when the server answers 401 to a signed-in request: the session ended (idle logoff, sign-out elsewhere). */
type UnauthenticatedListener = () => void;
const unauthenticatedListeners = new Set<UnauthenticatedListener>();

export function onUnauthenticated(listener: UnauthenticatedListener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Query parameters; undefined, null and '' are left out. */
  query?: Record<string, string | number | boolean | null | undefined>;
  /** Don't treat a 401 as "session ended" (sign-in and the initial who-am-I check handle it themselves). */
  ignoreUnauthenticated?: boolean;
}

const FALLBACK_MESSAGES: Record<number, string> = {
  400: 'Some of what was entered needs attention.',
  401: 'You are signed out. Sign in again to continue.',
  403: 'You do not have permission to do this.',
  404: 'This record does not exist, or you cannot see it.',
  409: 'This was changed by someone else since you opened it. Reload to see the latest, then try again.',
  422: 'This cannot be done as asked.',
  429: 'Too many attempts — wait a minute and try again.',
};

function withQuery(path: string, query: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function problemFrom(response: Response): Promise<ApiError> {
  const fallback = FALLBACK_MESSAGES[response.status] ?? 'The server could not finish this request. Nothing was saved.';
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (body && typeof body === 'object') {
    const problem = body as { title?: unknown; detail?: unknown; message?: unknown; code?: unknown; errors?: unknown };
    const title = typeof problem.title === 'string' ? problem.title : response.statusText;
    // better-auth answers { message } rather than problem+json.
    const detail =
      typeof problem.detail === 'string' ? problem.detail : typeof problem.message === 'string' ? problem.message : fallback;
    const errors = Array.isArray(problem.errors)
      ? problem.errors
          .filter((e): e is FieldProblem => !!e && typeof e === 'object' && 'path' in e && 'message' in e)
          .map((e) => ({ path: String(e.path), message: String(e.message) }))
      : [];
    return new ApiError(response.status, title, detail, errors, typeof problem.code === 'string' ? problem.code : null);
  }
  return new ApiError(response.status, response.statusText, fallback);
}

/** Sends a request and returns the response when it is 2xx; throws ApiError otherwise (and tells listeners of a 401). */
async function send(path: string, options: RequestOptions, accept: string): Promise<Response> {
  const headers: Record<string, string> = { Accept: accept, ...options.headers };
  const init: RequestInit = { method: options.method ?? 'GET', credentials: 'include', headers, signal: options.signal };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'No connection', 'Trellis could not be reached. Check the connection and try again.');
  }
  if (!response.ok) {
    const problem = await problemFrom(response);
    if (response.status === 401 && !options.ignoreUnauthenticated) {
      for (const listener of unauthenticatedListeners) listener();
    }
    throw problem;
  }
  return response;
}

/** Sends a request to the API and returns its JSON body; throws ApiError for any answer that is not 2xx. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options, 'application/json');
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A file the API answers with (a record's PDF): its bytes and the name the server gave it. */
export interface DownloadedFile {
  blob: Blob;
  filename: string | null;
}

/** Fetches a file from the API; a refusal (a draft, no permission, signed out) is an ApiError like any other answer. */
export async function apiDownload(path: string, accept = 'application/pdf'): Promise<DownloadedFile> {
  const response = await send(path, {}, `${accept}, application/problem+json`);
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const filename = /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? null;
  return { blob: await response.blob(), filename };
}

export const api = {
  get: <T>(path: string, query?: RequestOptions['query'], signal?: AbortSignal) => apiRequest<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
    apiRequest<T>(path, { method: 'POST', body: body ?? {}, headers }),
  put: <T>(path: string, body: unknown, headers?: Record<string, string>) => apiRequest<T>(path, { method: 'PUT', body, headers }),
  patch: <T>(path: string, body: unknown) => apiRequest<T>(path, { method: 'PATCH', body }),
};

/** The server's 409 titles (apps/server/src/http/problems.ts): what kind of conflict it is decides what a person does next. */
export const CONFLICT_TITLES = { staleVersion: 'Changed by someone else', roomBooked: 'Room booked' } as const;

/** A 409 because the record changed since it was read (reload and redo), not because of a clash with other bookings. */
export function isStaleVersion(error: unknown): boolean {
  return isApiError(error, 409) && error.title === CONFLICT_TITLES.staleVersion;
}

export function isRoomBooked(error: unknown): boolean {
  return isApiError(error, 409) && error.title === CONFLICT_TITLES.roomBooked;
}

/** What a response is checked with: one of @trellis/core's zod schemas, the same the server answers with. */
export interface ResponseSchema<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false; error: { issues: readonly { path: readonly PropertyKey[] }[] } };
}

/** Parses an answer with its schema; an answer of another shape is an error, never a cast. */
export function parseResponse<T>(schema: ResponseSchema<T>, data: unknown, path: string): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  // Field paths only: the values may be clinical.
  const fields = result.error.issues.map((i) => i.path.map(String).join('.') || '(root)');
  console.error(`Unexpected answer from ${path.split('?')[0] ?? path}: ${fields.slice(0, 5).join(', ')}`);
  throw new ApiError(
    0,
    'Unexpected answer',
    'Trellis answered in a form this page does not understand. Reload the page; if it happens again, tell your administrator.',
  );
}

/**
 * The API with every answer parsed by the schema the server answers with, so a page never works on a shape it
 * only assumed.
 */
export const checkedApi = {
  get: <T>(schema: ResponseSchema<T>, path: string, query?: RequestOptions['query'], signal?: AbortSignal) =>
    apiRequest<unknown>(path, { query, signal }).then((data) => parseResponse(schema, data, path)),
  post: <T>(schema: ResponseSchema<T>, path: string, body?: unknown, headers?: Record<string, string>) =>
    apiRequest<unknown>(path, { method: 'POST', body: body ?? {}, headers }).then((data) => parseResponse(schema, data, path)),
  put: <T>(schema: ResponseSchema<T>, path: string, body: unknown, headers?: Record<string, string>) =>
    apiRequest<unknown>(path, { method: 'PUT', body, headers }).then((data) => parseResponse(schema, data, path)),
  patch: <T>(schema: ResponseSchema<T>, path: string, body: unknown) =>
    apiRequest<unknown>(path, { method: 'PATCH', body }).then((data) => parseResponse(schema, data, path)),
  delete: <T>(schema: ResponseSchema<T>, path: string) =>
    apiRequest<unknown>(path, { method: 'DELETE' }).then((data) => parseResponse(schema, data, path)),
};

/** A message for a person, whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.detail || error.title;
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}
