import type { AriChannel } from '../ari/ari-types.js';
import type { UserProfile } from '../users/settings/user-repository.js';

export type CallDirection = 'internal' | 'inbound';

/** A new call entering the Stasis app from the dialplan, with who is calling and what was dialled. */
export interface IncomingCall {
  channel: AriChannel;
  direction: CallDirection;
  /** The authenticated device (`PJSIP/1001`), from the channel, not from caller ID. */
  device: string;
  /** What was dialled; for calls from the carrier, the DNIS. */
  dialled: string;
  /** Caller ID as presented by the caller's phone or carrier. */
  presented: { name: string; number: string };
  /** Internal calls: the user who owns the calling device, if any. */
  user: UserProfile | undefined;
}

/**
 * `PJSIP/1001-0000000a` → `PJSIP/1001`; `Local/5551234@ctx-00000001;2` → `Local/5551234@ctx`.
 * The part before the last dash is the endpoint Asterisk authenticated.
 */
export function deviceOfChannelName(name: string): string {
  const withoutLeg = name.replace(/;[12]$/, '');
  const dash = withoutLeg.lastIndexOf('-');
  return dash > 0 ? withoutLeg.slice(0, dash) : withoutLeg;
}

export type CallHandler = () => Promise<void>;

/** A feature's claim on new calls. Routes are asked in priority order, lowest first. */
export interface CallRoute {
  name: string;
  priority: number;
  match(call: IncomingCall): Promise<CallHandler | undefined> | CallHandler | undefined;
}

/** Route priorities: feature codes before interception before plain routing. */
export const ROUTE_PRIORITY = {
  featureCode: 10,
  executiveInterception: 20,
  attendant: 30,
  voicemail: 40,
  /** Calls an executive places to a colleague: executive calls (retrieve, bridge), else plain. */
  executivePlacedCall: 90,
  plainCall: 100,
  /** After the plain call: an extension always wins over an outside number that looks like it. */
  outsideCall: 110,
} as const;
