import { OpenAPIRegistry, type ResponseConfig, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { ZodTypeAny } from 'zod';
import { z } from './zod.js';

export { OpenAPIRegistry };

/** How a feature (or the core) adds its routes to /api/openapi.json: from the zod schemas its routes validate with. */
export type ApiDescriber = (registry: OpenAPIRegistry) => void;

/** RFC 9457 problem details, the body of every error. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string().describe('stable, e.g. no-such-user, invalid-request'),
  detail: z.string(),
  fields: z.array(z.object({ field: z.string(), message: z.string() })).optional().describe('for 400: each bad field'),
}).openapi('Problem', { description: 'RFC 9457 problem details' });

/** Routes that check a device against Asterisk's endpoints answer this while Asterisk is down. */
export const deviceCheckProblem = { 503: 'Asterisk is not answering, so the device cannot be checked; try again' } as const;

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type RouteParameter = NonNullable<RouteConfig['request']>['params'];

/**
 * A response: a zod schema (JSON, "OK"), a sentence (no body), or a full response
 * object (another media type).
 */
export type ResponseSpec = ZodTypeAny | string | ResponseConfig | { schema: ZodTypeAny; description: string };

export interface RouteSpec {
  method: Method;
  /** Relative to /api, in OpenAPI form: `/users/{id}`. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  /** No session needed (sign-in, this description, media Asterisk fetches). */
  public?: boolean;
  params?: RouteParameter;
  query?: RouteParameter;
  /** The JSON body's schema, or another media type's content. */
  body?: ZodTypeAny | { contentType: string; schema: ZodTypeAny; description?: string };
  responses: Record<number, ResponseSpec>;
  /** Error responses beyond the usual (400 when there is input, 401 unless public): status → when. */
  problems?: Record<number, string>;
}

const problem = (description: string): ResponseConfig => ({ description, content: { 'application/problem+json': { schema: problemSchema } } });

function response(spec: ResponseSpec): ResponseConfig {
  if (typeof spec === 'string') return { description: spec };
  if (spec instanceof z.ZodType) return { description: 'OK', content: { 'application/json': { schema: spec } } };
  if ('schema' in spec && spec.schema instanceof z.ZodType && !('content' in spec)) {
    return { description: spec.description, content: { 'application/json': { schema: spec.schema } } };
  }
  return spec as ResponseConfig;
}

/** Adds one route: its request from the schemas the route parses with, its responses, and the problems it can answer. */
export function describeRoute(registry: OpenAPIRegistry, spec: RouteSpec): void {
  const responses: Record<string, ResponseConfig> = {};
  for (const [status, r] of Object.entries(spec.responses)) responses[status] = response(r);
  if (spec.params || spec.query || spec.body) responses[400] = problem('Invalid input; `fields` names each bad field');
  if (!spec.public) responses[401] = problem('Not signed in');
  for (const [status, when] of Object.entries(spec.problems ?? {})) responses[status] = problem(when);
  if (!spec.public && spec.method !== 'get') {
    // authenticate.ts refuses a change over a cookie session without the session's CSRF token.
    const csrf = 'X-CSRF-Token missing or wrong on a cookie session';
    responses[403] = problem(spec.problems?.[403] ? `${spec.problems[403]}; or ${csrf}` : csrf);
  }
  const body = spec.body === undefined ? undefined
    : spec.body instanceof z.ZodType ? { required: true, content: { 'application/json': { schema: spec.body } } }
      : { required: true, description: spec.body.description, content: { [spec.body.contentType]: { schema: spec.body.schema } } };
  registry.registerPath({
    method: spec.method,
    path: spec.path,
    tags: [spec.tag],
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    ...(spec.public ? { security: [] } : {}),
    request: {
      ...(spec.params ? { params: spec.params } : {}),
      ...(spec.query ? { query: spec.query } : {}),
      ...(body ? { body } : {}),
    },
    responses,
  });
}

type SameShape<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/**
 * A compile-time check that a documented response schema (`z.infer` of it) and the type
 * the route sends are the same shape: `documents<z.infer<typeof userView>, UserProfile>()`
 * stops type-checking when either changes alone.
 */
export function documents<Documented, Sent>(..._sameShape: SameShape<Documented, Sent> extends true ? [] : [never]): void {}
