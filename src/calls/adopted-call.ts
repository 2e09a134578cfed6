import { CallSession, type SessionDeps } from './call-session.js';

/**
 * An answered call found bridged after a restart. We no longer know which feature made
 * it; we only keep it up, and end it for everyone when one party hangs up.
 */
export class AdoptedCall extends CallSession<'bridged'> {
  private constructor(deps: SessionDeps) { super(deps, 'adopted', 'bridged'); }

  static adopt(deps: SessionDeps, bridgeId: string, channelIds: string[]): AdoptedCall {
    const call = new AdoptedCall(deps);
    for (const id of channelIds) {
      call.ownChannel(id);
      call.endWhenGone(id, 'a party hung up');
    }
    call.onEnd(() => call.ari.destroyBridge(bridgeId));
    return call;
  }
}
