import type { Feature, FeatureDeps } from '../feature.js';

/** The voicemail feature: see ../../../../shared/PRODUCT.md. */
export function voicemailFeature(deps: FeatureDeps): Feature {
  void deps;
  return { name: 'voicemail' };
}
