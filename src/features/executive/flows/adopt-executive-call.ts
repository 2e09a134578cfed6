import { CallBridge } from '../../../ari/bridge.js';
import type { BridgeAdopter } from '../../../calls/reconciler.js';
import type { FeatureDeps } from '../../../feature.js';
import type { ExecutiveCallRegistry } from '../executive-calls.js';
import { findExecutiveCall } from '../settings/executive-call-records.js';
import { ExecutiveConversation } from './executive-conversation.js';

/**
 * After a take-over or restart: an answered executive call whose bridge still holds
 * exactly its remote party and handler becomes an executive conversation again, so the
 * assistant can still push it (#63), the executive retrieve it (*11), a colleague bridge in
 * (*15). Anything else (no record, someone bridged in, a party gone) is left to the plain
 * adoption, which keeps the call up.
 */
export function executiveCallAdopter(deps: FeatureDeps, calls: ExecutiveCallRegistry): BridgeAdopter {
  return async (bridge) => {
    const record = await findExecutiveCall(deps.db, bridge.id);
    if (!record) return false;
    const members = new Set(bridge.channels);
    if (members.size !== 2 || !members.has(record.remote.channelId) || !members.has(record.handler.channelId)) return false;
    deps.log.info({ bridge: bridge.id, executiveId: record.executiveId, handler: record.handler.device }, 'carrying on an executive call left by a previous controller');
    await ExecutiveConversation.adopt(deps, calls, record, CallBridge.adopt(deps.ari, bridge.id, bridge.channels));
    return true;
  };
}
