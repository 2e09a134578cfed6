import { judgeOutsideNumber } from '../../../users/policy/dial-strings.js';

/** The organisation's outbound route (attendant settings): how its phones reach outside numbers. */
export interface OutboundRoute {
  /** Digits dialled before an outside number (`9` by default); null: phones cannot dial out (apart from `*14`). */
  prefix: string | null;
  /** The number outside parties see; null: the company DID. */
  callerIdNumber: string | null;
}

export type OutsideCallPlan =
  | { action: 'dial'; number: string }
  | { action: 'refuse'; reason: string };

/**
 * Whether an internal phone's dial string is an outside call, and what goes to the trunk
 * (PRODUCT.md 4). An extension always wins (this route is asked after the plain call's),
 * so only what is no extension gets here. `+<number>` (a phone dialling E.164) and
 * `<prefix><number>` are outside calls; the number is judged by the same rule as every
 * stored outside number (form, OUTBOUND_ALLOWED_NUMBERS), so a phone can reach nothing
 * the administrator could not store. Undefined: not an outside call at all.
 */
export function planOutsideCall(dialled: string, route: OutboundRoute, allowList: readonly string[]): OutsideCallPlan | undefined {
  if (route.prefix === null) return undefined;
  const sent = dialled.replace(/#$/, '');
  const number = sent.startsWith('+') ? sent
    : route.prefix !== '' && sent.startsWith(route.prefix) && sent.length > route.prefix.length ? sent.slice(route.prefix.length)
      : undefined;
  if (number === undefined) return undefined;
  const verdict = judgeOutsideNumber(number, allowList);
  if (!verdict.ok) return { action: 'refuse', reason: verdict.reason };
  return { action: 'dial', number: verdict.kind === 'number' ? verdict.number : number };
}

/**
 * The caller ID an outside call shows: the organisation's, never the caller's own
 * extension (meaningless outside). The route's number, else the company DID; with
 * neither, the caller's first DID; the name is the organisation's.
 */
export function outsideCallerId(route: OutboundRoute, org: { name: string; companyDid: string | null }, caller: { dids: string[]; extension: string } | undefined): { name: string; number: string } {
  const number = route.callerIdNumber ?? org.companyDid ?? caller?.dids[0] ?? caller?.extension ?? '';
  return { name: org.name, number };
}
