import { filteringByExecutive } from './settings/executive-repository.js';
import { getUser } from '../../users/settings/user-repository.js';
import { Router } from 'express';
import { describeExecutiveApi } from './api/executive-openapi.js';
import { describeConsoleApi } from './api/console-openapi.js';
import { consoleRoutes } from './api/console-routes.js';
import { AssistantConsole } from './flows/console-actions.js';
import { executiveMigrations } from './settings/migrations.js';
import { attachExecutiveCache, detachExecutiveCache, ExecutiveCache } from './settings/executive-cache.js';
import type { Feature, FeatureDeps } from '../../feature.js';
import { assistantRoutes } from './api/assistant-routes.js';
import { executiveRoutes } from './api/executive-routes.js';
import { callControlRoutes } from './flows/call-control-routes.js';
import { ExecutiveCallJournal, ExecutiveCallRegistry } from './executive-calls.js';
import { executiveCallAdopter } from './flows/adopt-executive-call.js';
import { pushAdopter } from './flows/adopt-push.js';
import { ExecutiveNotifier } from './executive-notifier.js';
import { ExecutiveService } from './executive-service.js';
import { executiveHandoff, executiveInterceptionRoute } from './flows/executive-route.js';
import { filteringCodeRoute } from './flows/filtering-codes.js';
import { LineLamps } from './flows/line-lamps.js';
import { executivePlacedCallRoute } from './flows/executive-placed-call.js';

/** Executive / Executive-Assistant (PRODUCT.md section 3). */
export function executiveFeature(deps: FeatureDeps): Feature & { calls: ExecutiveCallRegistry } {
  // Answered calls are journalled to the store, so a controller taking over carries them on.
  const calls = new ExecutiveCallRegistry(new ExecutiveCallJournal(deps.db, deps.log));
  // Settings and pools in memory for deciding calls, dropped on every change to them.
  const cache = deps.changeFeed ? new ExecutiveCache(deps.db, deps.changeFeed) : undefined;
  if (cache) attachExecutiveCache(deps.db, cache);
  const notifier = new ExecutiveNotifier(deps);
  const service = new ExecutiveService(deps.db, notifier);
  const lineLamps = new LineLamps(deps, calls, async (executiveId, state) => {
    const executive = await getUser(deps.db, executiveId);
    if (executive) await notifier.lineChanged(executive, state);
  });
  // The console follows the same pushed stream as the live view: every change to an executive's calls is an event.
  const stopCallEvents = calls.onChange((executiveId) => notifier.callsChanged(executiveId));
  const api = Router();
  api.use(executiveRoutes(deps.db, service, deps.dialStrings));
  api.use(assistantRoutes(deps.db, service, deps.dialStrings));
  api.use(consoleRoutes(deps.db, new AssistantConsole({ ...deps, calls }), deps.dialStrings));
  return {
    name: 'executive',
    migrations: executiveMigrations,
    describeApi: (registry) => { describeExecutiveApi(registry); describeConsoleApi(registry); },
    /** The executive's calls in progress (read by tests and, through the contract, by call control). */
    calls,
    routes: [
      filteringCodeRoute(deps, service),
      executiveInterceptionRoute(deps, calls, notifier),
      ...callControlRoutes(deps, calls),
      executivePlacedCallRoute(deps, calls),
    ],
    api,
    liveUserFacts: async () => ({ filtering: await filteringByExecutive(deps.db) }),
    handoffs: { executive: executiveHandoff(deps, calls, notifier) },
    adoptBridge: executiveCallAdopter(deps, calls),
    adoptChannel: pushAdopter({ ...deps, calls }),
    async onAriConnected() { await lineLamps.republish(await notifier.republishAll()); },
    stop() {
      stopCallEvents();
      lineLamps.stop();
      if (cache) { detachExecutiveCache(deps.db); cache.stop(); }
      return Promise.resolve();
    },
  };
}
