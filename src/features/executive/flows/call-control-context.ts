import type { FeatureDeps } from '../../../feature.js';
import type { ExecutiveCallRegistry } from '../executive-calls.js';

/** What every call-control flow works with: the feature's dependencies and the executive calls in progress. */
export interface CallControlContext extends FeatureDeps {
  calls: ExecutiveCallRegistry;
}
