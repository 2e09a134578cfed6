import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import type { ZodTypeAny } from 'zod';
import { createApp, type SwitchboardApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { filteringBody } from '../../../src/features/executive/api/executive-schemas.js';
import { listQuery } from '../../../src/features/voicemail/api/voicemail-schemas.js';
import { createLogger } from '../../../src/log.js';
import { createUserBody } from '../../../src/users/api/user-schemas.js';
import { API_TYPES_FILE, apiTypesSource } from '../../../scripts/gen-api-types.js';
import { routesOf } from '../../support/route-table.js';

type Json = Record<string, unknown>;
interface Operation { summary?: string; parameters?: Array<{ name: string; in: string; required?: boolean; schema: Json }>; requestBody?: { content: Record<string, { schema: Json }> }; responses: Json }
interface Document { openapi: string; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Json> } }

/**
 * What a zod schema accepts, said independently of zod-to-openapi: the constraints a
 * client must know (types, required fields, enums, patterns, limits, extra fields),
 * read from zod's own definitions.
 */
function constraintsOf(schema: ZodTypeAny): Json {
  const def = schema._def as Json & { typeName: string };
  switch (def.typeName) {
    case 'ZodEffects': return constraintsOf(def.schema as ZodTypeAny);
    case 'ZodOptional': return constraintsOf(def.innerType as ZodTypeAny);
    case 'ZodDefault': return { ...constraintsOf(def.innerType as ZodTypeAny), default: (def.defaultValue as () => unknown)() };
    case 'ZodNullable': return { ...constraintsOf(def.innerType as ZodTypeAny), nullable: true };
    case 'ZodEnum': return { enum: def.values };
    case 'ZodBoolean': return { type: 'boolean' };
    case 'ZodString': {
      const out: Json = { type: 'string' };
      for (const check of def.checks as Array<{ kind: string; value?: number; regex?: RegExp }>) {
        if (check.kind === 'min') out.minLength = check.value;
        if (check.kind === 'max') out.maxLength = check.value;
        if (check.kind === 'regex') out.pattern = check.regex!.source;
        if (check.kind === 'email') out.format = 'email';
        if (check.kind === 'datetime') out.format = 'date-time';
      }
      return out;
    }
    case 'ZodNumber': {
      const out: Json = { type: 'number' };
      for (const check of def.checks as Array<{ kind: string; value?: number; inclusive?: boolean }>) {
        if (check.kind === 'int') out.type = 'integer';
        if (check.kind === 'min') out[check.inclusive ? 'minimum' : 'exclusiveMinimum'] = check.value;
        if (check.kind === 'max') out[check.inclusive ? 'maximum' : 'exclusiveMaximum'] = check.value;
      }
      return out;
    }
    case 'ZodArray': return { type: 'array', items: constraintsOf(def.type as ZodTypeAny), ...(def.minLength ? { minItems: (def.minLength as { value: number }).value } : {}), ...(def.maxLength ? { maxItems: (def.maxLength as { value: number }).value } : {}) };
    case 'ZodObject': {
      const shape = (def.shape as () => Record<string, ZodTypeAny>)();
      return {
        type: 'object',
        properties: Object.fromEntries(Object.entries(shape).map(([key, field]) => [key, constraintsOf(field)])),
        required: Object.entries(shape).filter(([, field]) => !field.isOptional()).map(([key]) => key).sort(),
        additionalProperties: def.unknownKeys === 'strict' ? false : undefined,
      };
    }
    default: throw new Error(`constraintsOf: no reading for ${def.typeName}`);
  }
}

/** The same constraints read from a JSON schema of the OpenAPI document (following $refs). */
function constraintsIn(schema: Json, document: Document): Json {
  if (typeof schema.$ref === 'string') return constraintsIn(document.components.schemas[schema.$ref.split('/').pop()!]!, document);
  const types = Array.isArray(schema.type) ? schema.type as string[] : schema.type === undefined ? [] : [schema.type as string];
  const nullable = types.includes('null') ? { nullable: true } : {};
  const type = types.find((t) => t !== 'null');
  if (schema.enum) return { enum: schema.enum, ...('default' in schema ? { default: schema.default } : {}), ...nullable };
  const pick = (keys: string[]) => Object.fromEntries(keys.filter((k) => k in schema).map((k) => [k, schema[k]]));
  if (type === 'object') {
    const properties = schema.properties as Record<string, Json>;
    return {
      type, ...nullable,
      properties: Object.fromEntries(Object.entries(properties).map(([key, field]) => [key, constraintsIn(field, document)])),
      required: [...(schema.required as string[] ?? [])].sort(),
      additionalProperties: schema.additionalProperties === false ? false : undefined,
      ...pick(['default']),
    };
  }
  if (type === 'array') return { type, items: constraintsIn(schema.items as Json, document), ...pick(['minItems', 'maxItems', 'default']), ...nullable };
  return { type, ...pick(['minLength', 'maxLength', 'pattern', 'format', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'default']), ...nullable };
}

const jsonBodyOf = (document: Document, method: string, path: string): Json => {
  const operation = document.paths[path]?.[method];
  expect(operation, `${method} ${path}`).to.not.equal(undefined);
  return operation!.requestBody!.content['application/json']!.schema;
};

describe('the OpenAPI description served at /api/openapi.json', () => {
  let app: SwitchboardApp;
  let server: Server;
  let document: Document;
  let http: SwitchboardApp['http'];

  before(async () => {
    const config = loadConfig({ ARI_URL: 'http://127.0.0.1:9', DATABASE_URL: 'sqlite::memory:', LOG_LEVEL: 'silent' });
    app = createApp(config, { logger: createLogger('silent') });
    // The controller's own HTTP app, as createApp wires it: every router, and the document it serves.
    http = app.http;
    server = await new Promise<Server>((resolve) => { const s = http.listen(0, '127.0.0.1', () => resolve(s)); });
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/openapi.json`);
    expect(response.status).to.equal(200);
    document = await response.json() as Document;
  });
  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await app.stop();
  });

  it('says of the user create body exactly what the route\'s zod schema checks: required fields, types, enums, patterns, limits', () => {
    const documented = constraintsIn(jsonBodyOf(document, 'post', '/users'), document);
    expect(documented).to.deep.equal(constraintsOf(createUserBody));
    // Read plainly, for the reader of this test:
    expect(documented.required).to.deep.equal(['extension', 'name']);
    expect(documented.additionalProperties).to.equal(false);
    const properties = documented.properties as Record<string, Json>;
    expect(properties.extension).to.deep.equal({ type: 'string', pattern: '^\\d{2,8}$' });
    expect(properties.noAnswerSeconds).to.deep.equal({ type: 'integer', minimum: 5, maximum: 120 });
    expect(properties.role).to.deep.equal({ enum: ['admin', 'user'] });
    expect(properties.email).to.include({ format: 'email', maxLength: 200, nullable: true });
  });

  it('says of a feature\'s nested body (executive filtering) what its zod schema checks', () => {
    expect(constraintsIn(jsonBodyOf(document, 'put', '/executives/{id}/filtering'), document)).to.deep.equal(constraintsOf(filteringBody));
  });

  it('lists a route\'s query parameters from its zod schema, with their limits and defaults', () => {
    const operation = document.paths['/voicemail/messages']!.get!;
    const expected = constraintsOf(listQuery) as { properties: Record<string, Json>; required: string[] };
    const parameters = operation.parameters!.filter((p) => p.in === 'query');
    expect(parameters.map((p) => p.name).sort()).to.deep.equal(Object.keys(expected.properties).sort());
    for (const parameter of parameters) {
      expect(constraintsIn(parameter.schema, document), parameter.name).to.deep.equal(expected.properties[parameter.name]);
      expect(parameter.required ?? false, parameter.name).to.equal(expected.required.includes(parameter.name));
    }
    expect(parameters.find((p) => p.name === 'limit')!.schema).to.deep.equal({ type: 'integer', minimum: 1, maximum: 500, default: 100 });
  });

  it('describes every route the express routers serve, and no route they do not', () => {
    const served = routesOf(http).map((r) => `${r.method} ${r.path.replace(/^\/api/, '').replace(/:([A-Za-z]+)/g, '{$1}')}`);
    const described = Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
    expect(served.length).to.be.greaterThan(40);
    expect([...new Set(served)].sort()).to.deep.equal([...new Set(described)].sort());
  });

  it('gives every operation a summary, its responses and a problem for bad input where it takes input', () => {
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        expect(operation.summary, `${method} ${path}`).to.be.a('string').and.not.equal('');
        expect(Object.keys(operation.responses), `${method} ${path}`).to.not.be.empty;
        if (operation.requestBody || operation.parameters?.length) expect(operation.responses, `${method} ${path}`).to.have.property('400');
      }
    }
  });

  it('is readable at /api/docs: a row for each operation', async () => {
    const page = await (await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/docs`)).text();
    expect(page).to.include('<code>PATCH</code></td><td><code>/api/users/{id}</code>');
    expect(page).to.include('<code>PUT</code></td><td><code>/api/executives/{id}/filtering</code>');
    expect(page.match(/<tr><td><code>/g)?.length).to.equal(Object.values(document.paths).flatMap((item) => Object.keys(item)).length);
  });

  it('has every schema it refers to', () => {
    const refs = [...JSON.stringify(document).matchAll(/"#\/components\/schemas\/([A-Za-z]+)"/g)].map((m) => m[1]!);
    expect(refs).to.not.be.empty;
    for (const name of new Set(refs)) expect(document.components.schemas, name).to.have.property(name);
  });

  it('is what the portal\'s committed API types were generated from (run `npm run api-types` after changing a schema)', async () => {
    expect(readFileSync(API_TYPES_FILE, 'utf8')).to.equal(await apiTypesSource(document as unknown as Json));
  });
});
