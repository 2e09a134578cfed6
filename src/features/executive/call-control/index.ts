import type { CallRoute } from '../../../calls/incoming-call.js';
import type { FeatureDeps } from '../../feature.js';
import type { ExecutiveCallRegistry } from '../executive-calls.js';

/** Call push, initiate on behalf, retrieve, bridge and E.164 dialling: their feature-code routes. */
export function callControlRoutes(deps: FeatureDeps, calls: ExecutiveCallRegistry): CallRoute[] {
  void deps; void calls;
  return [];
}
