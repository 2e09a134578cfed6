import type { LocationView } from '../../../users/settings/user-repository.js';
import type { PhoneFamily, ScreeningAlert } from '../../../config.js';
import type { ScreeningSettings } from '../settings/executive-settings.js';

export interface ScreeningTarget {
  /** A dial string (`PJSIP/1002`) or, for anywhere and mobile locations, a number to dial out. */
  address: string;
  kind: LocationView['kind'];
}

/**
 * The executive's locations that ring while the assistants handle a filtered call: the main
 * location always, and the extra kinds the executive chose (shared call appearances that
 * ring for incoming calls, anywhere numbers, the mobile).
 */
export function screeningTargets(screening: ScreeningSettings, locations: LocationView[]): ScreeningTarget[] {
  if (!screening.enabled) return [];
  const wanted = (l: LocationView): boolean => {
    if (l.kind === 'primary') return true;
    if (l.kind === 'shared') return screening.alertShared && l.ringsForIncoming;
    if (l.kind === 'anywhere') return screening.alertAnywhere;
    return screening.alertMobile;
  };
  const seen = new Set<string>();
  return locations.filter(wanted).filter((l) => !seen.has(l.address) && seen.add(l.address)).map((l) => ({ address: l.address, kind: l.kind }));
}

export type AlertInfoTable = Record<PhoneFamily, Record<ScreeningAlert, string>>;

/**
 * BroadWorks alerts a screening executive silently (a visual alert only) or with a short
 * ring splash. Phones pick the ring from the INVITE's Alert-Info, each family its own way;
 * these defaults (README "Screening alerts") use what each family knows out of the box
 * where it has one:
 * - Yealink: `ringtone-9` is its built-in Silent.wav, `ringtone-10` Splash.wav.
 * - Polycom: ring classes `visual` (no sound) and `splash`, matched through
 *   `voIpProt.SIP.alertInfo.x.value` / `.class` (value `visual` → class `visual`, …).
 * - Cisco (SPA/MPP): the URL's last segment names a ring script (`n=Silent;…`), and
 *   `Bellcore-dr5` is the standard ring splash.
 * - Grandstream: `info=silent` mapped to the silent ring tone; `Bellcore-dr5` ring splash.
 * - generic (anything else): the plain `info=` tokens, for phones configured by hand.
 */
export const DEFAULT_ALERT_INFO: AlertInfoTable = {
  yealink: { silent: '<http://127.0.0.1>;info=ringtone-9', 'ring-splash': '<http://127.0.0.1>;info=ringtone-10' },
  polycom: { silent: '<http://127.0.0.1>;info=visual', 'ring-splash': '<http://127.0.0.1>;info=splash' },
  cisco: { silent: '<http://127.0.0.1/Silent>', 'ring-splash': '<http://127.0.0.1/Bellcore-dr5>' },
  grandstream: { silent: '<http://127.0.0.1>;info=silent', 'ring-splash': '<http://127.0.0.1/Bellcore-dr5>' },
  generic: { silent: '<http://127.0.0.1/silent>;info=alert-silent', 'ring-splash': '<http://127.0.0.1/ring-splash>;info=ring-splash' },
};

/** The defaults with the administrator's values on top (SCREENING_ALERT_INFO). */
export function alertInfoTable(overrides: Partial<Record<PhoneFamily, Partial<Record<ScreeningAlert, string>>>>): AlertInfoTable {
  const table = { ...DEFAULT_ALERT_INFO };
  for (const family of Object.keys(table) as PhoneFamily[]) table[family] = { ...table[family], ...overrides[family] };
  return table;
}

/**
 * The family a phone belongs to, from the User-Agent it registered with ("Yealink
 * SIP-T46S 66.86.0.15", "PolycomVVX-VVX_450-UA/6.4.3", "Poly/CCX…", "Cisco/SPA504G-7.6.2",
 * "Cisco-CP8845-3PCC/11.3", "Grandstream GXP2170 1.0.11"); generic when none matches.
 */
export function phoneFamilyOf(userAgent: string | undefined): PhoneFamily {
  const ua = (userAgent ?? '').toLowerCase();
  if (ua.includes('yealink')) return 'yealink';
  if (ua.includes('polycom') || /^poly\b|^poly\//.test(ua)) return 'polycom';
  if (ua.includes('cisco') || ua.includes('linksys')) return 'cisco';
  if (ua.includes('grandstream')) return 'grandstream';
  return 'generic';
}

/**
 * The family a screening leg's device is treated as: what the administrator set for that
 * device wins (a phone whose User-Agent hides its make), else its User-Agent decides.
 */
export function deviceFamily(device: string, userAgent: string | undefined, configured: Record<string, PhoneFamily>): PhoneFamily {
  return configured[device] ?? phoneFamilyOf(userAgent);
}

/** The header a screening leg to a phone of `family` carries for the executive's alert type. */
export function screeningAlertInfo(alertType: ScreeningSettings['alertType'], family: PhoneFamily, table: AlertInfoTable = DEFAULT_ALERT_INFO): Record<string, string> {
  return { 'Alert-Info': table[family][alertType] };
}
