import type { Feature, FeatureDeps } from '../feature.js';
import { callControlRoutes } from './call-control/index.js';
import { ExecutiveCallRegistry } from './executive-calls.js';

/** Executive / Executive-Assistant (PRODUCT.md section 3). */
export function executiveFeature(deps: FeatureDeps): Feature {
  const calls = new ExecutiveCallRegistry();
  return {
    name: 'executive',
    routes: [...callControlRoutes(deps, calls)],
  };
}
