/**
 * Writes portal/src/api-types.ts: TypeScript types of the REST API, generated
 * (openapi-typescript) from the OpenAPI document the controller serves, which is itself
 * generated from the routes' zod schemas. Run after changing a route or schema:
 * `npm run api-types`. A unit test fails while the committed file is stale.
 */
import { writeFileSync } from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openApiDocument } from '../src/http/openapi/openapi.js';
import { createLogger } from '../src/log.js';

export const API_TYPES_FILE = new URL('../portal/src/api-types.ts', import.meta.url).pathname;

/** The document /api/openapi.json serves: the core's routes and every feature's. */
export async function servedOpenApiDocument(): Promise<Record<string, unknown>> {
  const config = loadConfig({ ARI_URL: 'http://127.0.0.1:9', DATABASE_URL: 'sqlite::memory:', LOG_LEVEL: 'silent' });
  const app = createApp(config, { logger: createLogger('silent') });
  try {
    return openApiDocument(app.features.flatMap((f) => (f.describeApi ? [f.describeApi] : [])));
  } finally {
    await app.stop();
  }
}

export async function apiTypesSource(document: Record<string, unknown>): Promise<string> {
  const ast = await openapiTS(document as unknown as Parameters<typeof openapiTS>[0], { alphabetize: true });
  return `/**\n * The REST API's types, generated from /api/openapi.json by scripts/gen-api-types.ts\n`
    + ` * (\`npm run api-types\`). Do not edit: change the route's zod schema and regenerate.\n */\n\n${astToString(ast)}`;
}

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) {
  writeFileSync(API_TYPES_FILE, await apiTypesSource(await servedOpenApiDocument()));
  console.log(`wrote ${API_TYPES_FILE}`);
}
