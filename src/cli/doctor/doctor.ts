import { AriRest } from '../../ari/ari-rest.js';
import type { Config } from '../../config.js';
import { openStore } from '../store.js';
import { checkAriReachable, checkController, checkModules, websocketResult } from './ari-checks.js';
import { formatChecklist, passed, type CheckResult } from './checklist.js';
import { probeContext } from './dialplan-checks.js';
import { checkAstDbContext, checkSafetyMusic } from './fallback-checks.js';
import { checkMediaFetch, checkPrompts, probeBridge } from './media-checks.js';
import { ProbeApp } from './probe-app.js';
import { checkDevices, checkOrganisation } from './store-checks.js';
import { checkTrunk } from './trunk-check.js';

export interface DoctorOptions {
  /** A number that answers, to place a test call through the outbound trunk. */
  trunkNumber?: string;
  /** Where the prompts that should be installed are (default: this project's sounds/). */
  promptsDir?: string;
  /** The music classes the safety music must find (default: the two Switchboard plays). */
  safetyMusicClasses?: readonly string[];
}

/** Numbers the context probes dial: 5 and 7 digits, nobody's extension, so no phone rings. */
const PROBE_NUMBERS = { internal: '99199', inbound: '5550199' } as const;

/**
 * Checks, against the Asterisk this configuration names, everything README's "Using your
 * own Asterisk" asks for. Every ARI request has a deadline; every probe channel and bridge
 * is released before it returns. A failed check that later ones depend on skips them.
 */
export async function runDoctor(config: Config, options: DoctorOptions = {}): Promise<{ ok: boolean; results: CheckResult[]; lines: string[] }> {
  const results: CheckResult[] = [];
  const rest = new AriRest(config.ari.url, config.ari.user, config.ari.password, 3000, 8);
  const guarded = async (name: string, check: () => Promise<CheckResult | CheckResult[]>) => {
    try {
      const outcome = await check();
      results.push(...(Array.isArray(outcome) ? outcome : [outcome]));
    } catch (error) {
      results.push({ name, status: 'fail', detail: (error as Error).message });
    }
  };

  const reachable = await checkAriReachable(rest, config.ari);
  results.push(reachable);
  const ariUp = reachable.status === 'ok';
  await guarded('store', async () => {
    const db = await openStore(config);
    try {
      const organisation = await checkOrganisation(db);
      return ariUp ? [organisation, await checkDevices(db, rest)] : [organisation];
    } finally {
      await db.destroy();
    }
  });
  if (!ariUp) {
    results.push({ name: 'everything else', status: 'skip', detail: 'needs ARI' });
    return finish(config, results);
  }

  const probe = new ProbeApp(config.ari);
  const opened = await probe.open().then(() => undefined, (error: Error) => error);
  results.push(websocketResult(opened));
  try {
    await guarded('controller', () => checkController(rest, config.ari.app));
    await guarded('modules', () => checkModules(rest));
    if (!opened) {
      await guarded(`context ${config.dialplan.internalContext}`, () => probeContext(probe, { context: config.dialplan.internalContext, role: 'internal', number: PROBE_NUMBERS.internal }));
      await guarded(`context ${config.dialplan.inboundContext}`, () => probeContext(probe, { context: config.dialplan.inboundContext, role: 'inbound', number: PROBE_NUMBERS.inbound }));
      await guarded('AstDB context', () => checkAstDbContext(probe));
      await guarded('safety music', () => checkSafetyMusic(probe, options.safetyMusicClasses));
      await guarded('media', async () => {
        const bridgeId = await probeBridge(probe);
        const mediaBaseUrl = config.mediaBaseUrl ?? `http://127.0.0.1:${config.http.port}`;
        return [await checkMediaFetch(probe, bridgeId, mediaBaseUrl), await checkPrompts(probe, bridgeId, options.promptsDir)];
      });
      await guarded('outbound trunk', () => checkTrunk(probe, config.outboundDialString, options.trunkNumber));
    } else {
      results.push({ name: 'dialplan, media, prompts and trunk probes', status: 'skip', detail: 'need the events websocket' });
    }
  } finally {
    await probe.close();
  }
  return finish(config, results);
}

function finish(config: Config, results: CheckResult[]) {
  const heading = `switchboard doctor: Asterisk at ${config.ari.url}, Stasis app ${config.ari.app}, contexts ${config.dialplan.internalContext} / ${config.dialplan.inboundContext}`;
  return { ok: passed(results), results, lines: formatChecklist(heading, results) };
}
