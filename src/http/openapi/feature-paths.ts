/**
 * The executive, attendant and voicemail features' routes, described as they land.
 * Kept apart from the core description so each feature's part reads on its own.
 */
export const featurePaths: Record<string, unknown> = {};
