/**
 * The portal's only way to the server: the documented REST API under /api. The session
 * is the httpOnly cookie set at sign-in; every request that changes something carries
 * the session's CSRF token. Errors are problem+json: their `detail` is what people see.
 */
import type { components, paths } from './api-types';

export type FieldProblem = NonNullable<components['schemas']['Problem']['fields']>[number];

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, readonly detail: string, readonly fields: FieldProblem[] = []) {
    super(detail);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void { csrfToken = token; }

/** Called when the server says the session is gone, so the app returns to sign-in. */
let onSignedOut: () => void = () => undefined;
export function whenSignedOut(handler: () => void): void { onSignedOut = handler; }

export async function api<T = unknown>(method: string, path: string, body?: unknown, init: { signal?: AbortSignal; raw?: boolean } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const isForm = typeof FormData !== 'undefined' && body instanceof FormData;
  const isBlob = typeof Blob !== 'undefined' && body instanceof Blob;
  if (isBlob) headers['content-type'] = (body as Blob).type || 'application/octet-stream';
  else if (body !== undefined && !isForm) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method, headers, credentials: 'same-origin', signal: init.signal,
      body: body === undefined ? undefined : isForm || isBlob ? (body as BodyInit) : JSON.stringify(body),
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'network', 'Switchboard cannot be reached. Check your connection and try again.');
  }
  if (response.status === 401 && path !== '/auth/login') onSignedOut();
  if (!response.ok) throw await problemOf(response);
  if (init.raw) return response as unknown as T;
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  return (type.includes('json') ? await response.json() : await response.text()) as T;
}

async function problemOf(response: Response): Promise<ApiError> {
  try {
    const problem = await response.json() as { code?: string; detail?: string; fields?: FieldProblem[] };
    return new ApiError(response.status, problem.code ?? 'error', problem.detail ?? response.statusText, problem.fields ?? []);
  } catch {
    return new ApiError(response.status, 'error', `${response.status} ${response.statusText}`);
  }
}

export const get = <T>(path: string, signal?: AbortSignal) => api<T>('GET', path, undefined, { signal });
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body ?? {});
export const put = <T>(path: string, body: unknown) => api<T>('PUT', path, body);
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body);
export const del = <T>(path: string) => api<T>('DELETE', path);

/** Does the server have this route? (Features land at different times; the portal shows what exists.) */
let described: Promise<Set<string>> | undefined;
export function hasRoute(path: string): Promise<boolean> {
  described ??= fetch('/api/openapi.json').then((r) => r.json() as Promise<{ paths: Record<string, unknown> }>)
    .then((d) => new Set(Object.keys(d.paths)), () => new Set<string>());
  return described.then((paths) => paths.has(path));
}

// The API's shapes come from api-types.ts, generated from /api/openapi.json (itself generated
// from the server's zod schemas): a field the server renames breaks this build, not the page.

/** The API's named schemas (components of /api/openapi.json). */
export type Schemas = components['schemas'];
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
/** The JSON a route answers with: `Answer<'/voicemail/storage', 'get'>`. */
export type Answer<P extends keyof paths, M extends Method, Status extends number = 200> =
  paths[P][M] extends { responses: { [S in Status]: { content: { 'application/json': infer T } } } } ? T : never;

export type User = Schemas['User'];
export type Service = User['services'][number];
/** A location as the API sends it; one being added in the editor has no id yet. */
export type Location = Omit<Schemas['Location'], 'id'> & { id?: number };
export type Me = Answer<'/auth/me', 'get'>;

// The choices the forms offer, checked against the API's enums.
export const SERVICES = ['executive', 'assistant', 'attendant', 'voicemail'] as const satisfies readonly Service[];
export const USER_TYPES = ['agent', 'business_user', 'floating_agent', 'general_voicemail'] as const satisfies readonly User['type'][];
export const LOCATION_KINDS = ['primary', 'shared', 'anywhere', 'mobile'] as const satisfies readonly Location['kind'][];
