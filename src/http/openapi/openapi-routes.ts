import { Router } from 'express';
import type { ApiDescriber } from './describe.js';
import { openApiDocument } from './openapi.js';

/** The API description (`/api/openapi.json`) and a readable page of it (`/api/docs`); no sign-in needed. */
export function openApiRoutes(featureDescribers: ApiDescriber[]): Router {
  const router = Router();
  const document = openApiDocument(featureDescribers);
  router.get('/openapi.json', (_req, res) => { res.json(document); });
  router.get('/docs', (_req, res) => { res.type('html').send(docsPage(document)); });
  return router;
}

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function docsPage(document: Record<string, unknown>): string {
  const paths = document.paths as Record<string, Record<string, { summary?: string; tags?: string[] }>>;
  const rows = Object.entries(paths).flatMap(([path, item]) => Object.entries(item)
    .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
    .map(([method, operation]) => `<tr><td><code>${method.toUpperCase()}</code></td><td><code>/api${escape(path)}</code></td><td>${escape(operation.tags?.[0] ?? '')}</td><td>${escape(operation.summary ?? '')}</td></tr>`));
  const info = document.info as { title: string; description: string };
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(info.title)}</title><style>body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem}
table{border-collapse:collapse;width:100%}td{border-bottom:1px solid #ddd;padding:.35rem .5rem;vertical-align:top}code{white-space:nowrap}</style></head>
<body><h1>${escape(info.title)}</h1><p>${escape(info.description)}</p><p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).</p>
<table><thead><tr><th>Method</th><th>Path</th><th>Area</th><th>What it does</th></tr></thead><tbody>${rows.join('')}</tbody></table></body></html>`;
}
