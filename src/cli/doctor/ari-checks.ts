import { AriRequestError, type AriRest } from '../../ari/ari-rest.js';
import type { CheckResult } from './checklist.js';
import { missingModules } from './required-modules.js';

/** ARI answers at ARI_URL and accepts ARI_USER / ARI_PASSWORD. */
export async function checkAriReachable(rest: AriRest, ari: { url: string; user: string }): Promise<CheckResult> {
  const name = `ARI reachable at ${ari.url} as ${ari.user}`;
  try {
    const info = await rest.request<{ system?: { version?: string } }>('GET', '/asterisk/info');
    return { name, status: 'ok', detail: `Asterisk ${info.system?.version ?? '(version not given)'}` };
  } catch (error) {
    const status = error instanceof AriRequestError ? error.status : 0;
    if (status === 401) {
      return { name, status: 'fail', detail: 'Asterisk refused these credentials (401)', fix: `make ARI_USER / ARI_PASSWORD match a user in ari.conf ([${ari.user}] with type = user and its password), then \`module reload res_ari.so\`` };
    }
    if (status === 404) {
      return { name, status: 'fail', detail: 'the HTTP server answers but has no ARI (404)', fix: 'load res_ari.so and set enabled = yes in ari.conf; ARI_URL is the HTTP server\'s address without /ari' };
    }
    return {
      name, status: 'fail', detail: status ? `HTTP ${status}` : `nothing answered (${(error as Error).message.replace(/^ARI GET \/asterisk\/info failed: /, '')})`,
      fix: 'start Asterisk; in http.conf set enabled = yes and bindaddr / bindport to what ARI_URL names; in ari.conf set enabled = yes',
    };
  }
}

/** The websocket ARI applications receive events on opens for these credentials. */
export function websocketResult(error: Error | undefined): CheckResult {
  const name = 'ARI events websocket';
  if (!error) return { name, status: 'ok' };
  return { name, status: 'fail', detail: error.message, fix: 'load res_http_websocket.so and res_ari_events.so; a proxy in front of Asterisk must pass WebSocket upgrades on /ari/events' };
}

/** Whether the controller is connected as ARI_APP (the media check needs it). */
export async function checkController(rest: AriRest, app: string): Promise<CheckResult> {
  const name = `controller connected as Stasis app ${app}`;
  try {
    await rest.request('GET', `/applications/${encodeURIComponent(app)}`);
    return { name, status: 'ok' };
  } catch (error) {
    if (error instanceof AriRequestError && error.status === 404) {
      return { name, status: 'warn', detail: 'no application of that name is connected: calls go to the fallback contexts', fix: 'start the controller (npm start, the container or the systemd unit) with ARI_APP matching SWITCHBOARD_APP in extensions.conf' };
    }
    return { name, status: 'fail', detail: (error as Error).message };
  }
}

/** Every module of REQUIRED_MODULES loaded and running. */
export async function checkModules(rest: AriRest): Promise<CheckResult> {
  const name = 'Asterisk modules Switchboard needs';
  const modules = await rest.request<Array<{ name: string; status: string }>>('GET', '/asterisk/modules');
  const missing = missingModules(modules);
  if (missing.length === 0) return { name, status: 'ok', detail: 'all loaded' };
  return {
    name, status: 'fail',
    detail: missing.map((m) => `${m.module} ${m.status ? `is ${m.status}` : 'is not loaded'} (${m.why})`).join('; '),
    fix: `load ${missing.length === 1 ? 'it' : 'them'} on the Asterisk CLI (${missing.map((m) => `module load ${m.module}`).join(', ')}) and remove any noload => line for ${missing.length === 1 ? 'it' : 'them'} from modules.conf`,
  };
}
