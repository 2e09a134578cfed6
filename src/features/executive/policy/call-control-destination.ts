/**
 * Where a call placed by a call-control code goes and who it shows as the caller. Pure:
 * the caller passes the user found for the number (if any) and the outbound dial string.
 */

export interface Identity {
  name: string;
  extension: string;
  /** External numbers (DIDs); the first is what outside parties see. */
  dids: string[];
}

export interface CallerId { name: string; number: string }

export type DestinationPlan =
  | { kind: 'internal'; targets: string[]; callerId: CallerId; display: CallerId }
  | { kind: 'external'; targets: [string]; callerId: CallerId; display: CallerId }
  | { kind: 'invalid' };

/** Extensions are short; anything this long that is no user's extension is an outside number. */
const MIN_EXTERNAL_DIGITS = 5;

/**
 * `number` as dialled (digits, or `+` and digits after *14). An internal user rings on
 * their devices (`internalTargets`, empty when they have none) and sees `presentedAs` by
 * extension; an outside number goes out through the trunk and sees `presentedAs` by
 * their first DID (the extension means nothing outside). Unknown short numbers are invalid.
 */
export function planDestination(
  number: string,
  internal: { name: string; extension: string; targets: string[] } | undefined,
  presentedAs: Identity,
  outboundDialString: string,
): DestinationPlan {
  if (internal && !number.startsWith('+')) {
    if (internal.targets.length === 0) return { kind: 'invalid' };
    return {
      kind: 'internal',
      targets: internal.targets,
      callerId: { name: presentedAs.name, number: presentedAs.extension },
      display: { name: internal.name, number: internal.extension },
    };
  }
  const digits = number.replace(/^\+/, '');
  if (!/^\d+$/.test(digits) || (!number.startsWith('+') && digits.length < MIN_EXTERNAL_DIGITS)) return { kind: 'invalid' };
  return {
    kind: 'external',
    targets: [outboundDialString.replaceAll('{number}', number)],
    callerId: { name: presentedAs.name, number: presentedAs.dids[0] ?? presentedAs.extension },
    display: { name: number, number },
  };
}

/** The devices that ring for a user's incoming calls: the primary and the shared appearances set to ring. */
export function ringingDevices(locations: Array<{ kind: string; address: string; ringsForIncoming: boolean }>): string[] {
  return [...new Set(locations.filter((l) => l.kind === 'primary' || (l.kind === 'shared' && l.ringsForIncoming)).map((l) => l.address))];
}
