import type { LocationView } from '../../../users/settings/user-repository.js';
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

/**
 * The Alert-Info header screening legs carry. BroadWorks alerts the executive either
 * silently (a visual alert only) or with a short ring splash; phones map the `info`
 * token to a ring tone (Polycom/Yealink/Cisco "distinctive ring" tables), so both are
 * sent as hints and the phone's own configuration decides the sound.
 */
export function screeningAlertInfo(alertType: ScreeningSettings['alertType']): Record<string, string> {
  return alertType === 'ring-splash'
    ? { 'Alert-Info': '<http://127.0.0.1/ring-splash>;info=ring-splash' }
    : { 'Alert-Info': '<http://127.0.0.1/silent>;info=alert-silent' };
}
