import type { Ari } from '../../../ari/ari.js';
import type { Config } from '../../../config.js';
import { alertInfoTable, deviceFamily, screeningAlertInfo, type ScreeningTarget } from '../policy/screening.js';
import type { ScreeningSettings } from '../settings/executive-settings.js';

/** A screening location and the Alert-Info its phone understands. */
export interface ScreeningAlertPlan { address: string; headers: Record<string, string> }

/**
 * The Alert-Info each screening location gets: by its phone's family, which the
 * administrator's SCREENING_PHONE_FAMILIES names, else the User-Agent the phone registered
 * with tells (Asterisk keeps it on the PJSIP contact). Numbers dialled through the trunk
 * (anywhere, mobile) are generic unless configured: their phone is not ours to see.
 */
export async function screeningAlerts(
  ari: Ari, channelId: string, targets: ScreeningTarget[], alertType: ScreeningSettings['alertType'], config: Config['screeningAlertInfo'],
): Promise<ScreeningAlertPlan[]> {
  const table = alertInfoTable(config.overrides);
  return Promise.all(targets.map(async (target) => {
    const configured = config.deviceFamilies[target.address];
    const userAgent = configured || !target.address.startsWith('PJSIP/') ? undefined : await registeredUserAgent(ari, channelId, target.address);
    return { address: target.address, headers: screeningAlertInfo(alertType, deviceFamily(target.address, userAgent, config.deviceFamilies), table) };
  }));
}

/**
 * The User-Agent of the phone registered for a PJSIP device, read through Asterisk's
 * dialplan functions (ARI has no contact resource): the endpoint's AOR, its contact, the
 * contact's user_agent. Functions are evaluated on a channel, any channel: the caller's.
 * Unknown (no registration, the caller gone) is undefined: the generic values then apply.
 */
export async function registeredUserAgent(ari: Ari, channelId: string, device: string): Promise<string | undefined> {
  const endpoint = device.slice('PJSIP/'.length);
  if (!/^[A-Za-z0-9_.-]+$/.test(endpoint)) return undefined;
  const read = async (expression: string) => (await ari.rest.getVariable(channelId, expression)).value.split(',').map((v) => v.trim()).find(Boolean);
  try {
    const aor = await read(`PJSIP_ENDPOINT(${endpoint},aors)`);
    const contact = aor && (await read(`PJSIP_AOR(${aor},contact)`));
    return contact ? (await ari.rest.getVariable(channelId, `PJSIP_CONTACT(${contact},user_agent)`)).value || undefined : undefined;
  } catch {
    return undefined;
  }
}
