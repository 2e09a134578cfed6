import type { Feature, FeatureDeps } from '../feature.js';

/** The executive feature: see ../../../../shared/PRODUCT.md. */
export function executiveFeature(deps: FeatureDeps): Feature {
  void deps;
  return { name: 'executive' };
}
