import type { Kysely } from 'kysely';
import type { Database } from '../../../store/schema.js';
import { callPathUsers } from '../../../users/settings/user-cache.js';
import { primaryDevice, type UserProfile } from '../../../users/settings/user-repository.js';
import type { AlertTarget } from '../policy/alerting.js';

/** A device or number to ring, and who it belongs to. */
export interface RingTarget {
  /** The Asterisk dial string. */
  endpoint: string;
  role: 'assistant' | 'divert' | 'executive' | 'forward';
  userId: number | undefined;
}

/**
 * A number to dial: a user's extension in the organisation rings that user's primary
 * device; anything else goes out through the outbound trunk. Users come from the call
 * path's cache (in memory, no store round trip per assistant).
 */
export async function endpointForNumber(db: Kysely<Database>, organisationId: number, number: string, outboundDialString: string): Promise<{ endpoint: string; userId: number | undefined } | undefined> {
  const user = /^\d+$/.test(number) ? await callPathUsers.byExtension(db, organisationId, number) : undefined;
  if (user) {
    const device = primaryDevice(user);
    return device ? { endpoint: device, userId: user.id } : undefined;
  }
  return { endpoint: outboundDialString.replace('{number}', number), userId: undefined };
}

/** A location's address as a dial string: devices as they are, anywhere/mobile numbers through the trunk. */
export const locationEndpoint = (address: string, outboundDialString: string): string =>
  /^[A-Za-z]+\//.test(address) ? address : outboundDialString.replace('{number}', address);

/** The ring targets for the assistants to alert; an assistant with no phone is skipped. */
export async function assistantRingTargets(db: Kysely<Database>, executive: UserProfile, alert: AlertTarget[], outboundDialString: string): Promise<RingTarget[]> {
  const targets: RingTarget[] = [];
  for (const a of alert) {
    if (a.kind === 'divert') {
      const divert = await endpointForNumber(db, executive.organisationId, a.number, outboundDialString);
      if (divert) targets.push({ endpoint: divert.endpoint, role: 'divert', userId: a.assistantId });
      continue;
    }
    const user = await callPathUsers.user(db, a.assistantId);
    const device = user ? primaryDevice(user) : undefined;
    if (device) targets.push({ endpoint: device, role: 'assistant', userId: a.assistantId });
  }
  return targets;
}

/** The executive's own phones, as a plain call rings them: the primary device and shared appearances set to ring. */
export function executiveRingTargets(executive: UserProfile): RingTarget[] {
  return executive.locations
    .filter((l) => l.kind === 'primary' || (l.kind === 'shared' && l.ringsForIncoming))
    .map((l) => ({ endpoint: l.address, role: 'executive' as const, userId: executive.id }));
}
