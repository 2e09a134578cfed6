import type { Express } from 'express';

export interface ApiRoute { method: string; path: string }

/**
 * Every route the API serves, read from express's own router so a route added later is
 * fuzzed too. (Express 4 keeps them in `_router.stack`; routers mounted with a path
 * carry it as a regexp.)
 */
export function routesOf(app: Express): ApiRoute[] {
  const found: ApiRoute[] = [];
  const walk = (stack: unknown[], prefix: string) => {
    for (const layer of stack as Array<{ route?: { path: string; methods: Record<string, boolean> }; name?: string; handle?: { stack?: unknown[] }; regexp?: RegExp }>) {
      if (layer.route && typeof layer.route.path === 'string') {
        for (const method of Object.keys(layer.route.methods)) found.push({ method: method.toUpperCase(), path: prefix + layer.route.path });
      } else if (layer.name === 'router' && layer.handle?.stack) {
        const source = layer.regexp?.source ?? '';
        const mount = source.startsWith('^\\/') && !source.startsWith('^\\/?(?=') ? source.replace(/^\^/, '').replace(/\\\/\?\(\?=\\\/\|\$\)$/, '').replace(/\\\//g, '/') : '';
        walk(layer.handle.stack, prefix + mount);
      }
    }
  };
  walk((app as unknown as { _router: { stack: unknown[] } })._router.stack, '');
  return found.filter((r) => r.path.startsWith('/api'));
}

