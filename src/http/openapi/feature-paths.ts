import { attendantPaths } from '../../features/attendant/api/attendant-openapi.js';
import { executivePaths } from '../../features/executive/api/executive-openapi.js';
import { voicemailPaths } from '../../features/voicemail/api/voicemail-openapi.js';

/**
 * The executive, attendant and voicemail features' routes: each feature describes its
 * own beside its schemas (`src/features/<f>/api/<f>-openapi.ts`); merged here.
 */
export const featurePaths: Record<string, unknown> = { ...executivePaths, ...attendantPaths, ...voicemailPaths };
