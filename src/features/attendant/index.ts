import type { Feature, FeatureDeps } from '../feature.js';

/** The attendant feature: see ../../../../shared/PRODUCT.md. */
export function attendantFeature(deps: FeatureDeps): Feature {
  void deps;
  return { name: 'attendant' };
}
