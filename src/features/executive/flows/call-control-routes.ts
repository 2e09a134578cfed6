import { ROUTE_PRIORITY, type CallRoute } from '../../../calls/incoming-call.js';
import type { FeatureDeps } from '../../../feature.js';
import type { ExecutiveCallRegistry } from '../executive-calls.js';
import { pushCall } from './call-push.js';
import { FeatureCodeCall } from './code-call.js';
import type { CallControlContext } from './call-control-context.js';
import { dialE164 } from './e164-dialling.js';
import { parseFeatureCode, type FeatureCode, type ParsedFeatureCode } from '../policy/feature-code.js';
import { initiateOnBehalf } from './initiate-on-behalf.js';
import { parseLampKey } from '../policy/lamp-keys.js';
import { bridgeIntoCall, retrieveCall } from './retrieve-bridge.js';
import { runFlow } from '../../../calls/run-flow.js';

export { parseFeatureCode, type FeatureCode, type ParsedFeatureCode } from '../policy/feature-code.js';

/*
 * Call control (PRODUCT.md sections 2, 3 and 7), one file per code:
 * - #63 call push (call-push.ts → push-session.ts); `#63 1` (`#631`, `#63#1`, `#63*1`) is
 *   the warm push: the assistant announces the caller, the executive presses 1 to take it
 *   or 2 to send it back (the assistant hanging up also completes it);
 * - #64 <executive> <destination> initiate on behalf (initiate-on-behalf.ts), and
 *   #64 <executive> *11 / *15, the assistant's retrieve / bridge;
 * - *11 retrieve and *15 bridge by the executive (retrieve-bridge.ts);
 * - *14 E.164 dialling (e164-dialling.ts).
 * Each code call is a FeatureCodeCall (code-call.ts) that prompts for what is missing;
 * every executive call it creates or takes over becomes a ExecutiveConversation
 * (controlled-call.ts), registered in the ExecutiveCallRegistry so it can be pushed,
 * retrieved or bridged again.
 */

/** The codes this part of the feature takes; #61/#62/#65/#66 belong to the executive settings flows. */
const CALL_CONTROL_CODES: readonly FeatureCode[] = ['#63', '#64', '*11', '*15', '*14'];

/** Call push, initiate on behalf, retrieve, bridge and E.164 dialling: their feature-code routes. */
export function callControlRoutes(deps: FeatureDeps, calls: ExecutiveCallRegistry): CallRoute[] {
  const ctx: CallControlContext = { ...deps, calls };
  return [{
    name: 'executive-call-control',
    priority: ROUTE_PRIORITY.featureCode,
    match(call) {
      if (call.direction !== 'internal') return undefined;
      const lamp = parseLampKey(call.dialled);
      // Pressing the executive's line key (*64<executive>) is the assistant's retrieve.
      const parsed = lamp?.kind === 'line' ? { code: '#64' as const, parts: [lamp.executiveExtension, '*11'] } : parseFeatureCode(call.dialled);
      if (!parsed || !CALL_CONTROL_CODES.includes(parsed.code)) return undefined;
      return async () => {
        const code = new FeatureCodeCall(ctx, call, parsed.code);
        code.log.info({ code: parsed.code, parts: parsed.parts, device: call.device }, 'call-control code dialled');
        // Never silence: the caller hears that something went wrong (unless their channel
        // already went to another session, which now answers for it).
        await runFlow(code, () => runCallControlCode(ctx, code, parsed), { kind: 'prompt' });
      };
    },
  }];
}

/**
 * One call-control code on a code call, whichever way it was dialled: from the phone, or
 * by the assistant's console, which rings the assistant's phone and then runs the code on
 * the answered leg (console-dial.ts), so both go through the same flows.
 */
export async function runCallControlCode(ctx: CallControlContext, code: FeatureCodeCall, { code: dialled, parts }: ParsedFeatureCode): Promise<void> {
  const user = code.call.user;
  switch (dialled) {
    case '#63': return pushCall(ctx, code, parts);
    case '#64': return initiateOnBehalf(ctx, code, parts);
    case '*14': return dialE164(ctx, code, parts);
    case '*11':
    case '*15':
      // The executive's own codes; an assistant reaches them through `#64 <executive> *11`.
      if (!user?.services.includes('executive')) return code.finish('executive-control-not-allowed', `${dialled} by a non-executive`);
      return dialled === '*11' ? retrieveCall(ctx, code, user.id) : bridgeIntoCall(ctx, code, user.id);
    default:
      return code.finish('executive-control-not-allowed', `${dialled} is not a call-control code`);
  }
}
