import type { AriRest } from '../ari/ari-rest.js';
import type { AsteriskEndpoint } from './import-plan.js';

interface AriEndpoint { technology: string; resource: string; state: string }
type ConfigObject = Array<{ attribute: string; value: string }>;

/**
 * The PJSIP endpoints Asterisk has, with their context and caller ID. `GET /endpoints`
 * gives only names and states; the context and `callerid` come from each endpoint's
 * configuration object (`GET /asterisk/config/dynamic/res_pjsip/endpoint/<name>`, ARI's
 * read-only view of pjsip.conf through sorcery): the only place ARI shows them, and it
 * works against a remote Asterisk, where reading pjsip.conf would not.
 */
export async function listPjsipEndpoints(rest: AriRest): Promise<AsteriskEndpoint[]> {
  const endpoints = (await rest.request<AriEndpoint[]>('GET', '/endpoints')).filter((e) => e.technology === 'PJSIP');
  const details = await Promise.all(endpoints.map(async (e): Promise<AsteriskEndpoint> => {
    try {
      const attributes = await rest.request<ConfigObject>('GET', `/asterisk/config/dynamic/res_pjsip/endpoint/${encodeURIComponent(e.resource)}`);
      const value = (name: string) => attributes.find((a) => a.attribute === name)?.value;
      return { resource: e.resource, context: value('context'), callerId: value('callerid') };
    } catch {
      return { resource: e.resource };
    }
  }));
  return details.sort((a, b) => a.resource.localeCompare(b.resource, 'en', { numeric: true }));
}
