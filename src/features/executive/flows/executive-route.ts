import { ROUTE_PRIORITY, type CallRoute } from '../../../calls/incoming-call.js';
import type { FeatureDeps } from '../../../feature.js';
import { callPathUsers } from '../../../users/settings/user-cache.js';
import type { ExecutiveCallRegistry } from '../executive-calls.js';
import type { ExecutiveNotifier } from '../executive-notifier.js';
import { ExecutiveCallSession } from './executive-call-session.js';
import { planExecutiveCall, type ExecutivePlan } from './plan-executive-call.js';
import type { ExecutiveHandoff } from '../../../calls/handoffs.js';
import type { IncomingCall } from '../../../calls/incoming-call.js';
import { runFlow } from '../../../calls/run-flow.js';
import { screeningAlerts } from './screening-alerts.js';

/**
 * Executive interception: internal calls to an executive's extension and calls from the
 * carrier to one of their DIDs, before any plain routing. The executive calling their
 * own extension (e.g. from a shared appearance) is left to the plain call.
 */
export function executiveInterceptionRoute(deps: FeatureDeps, registry: ExecutiveCallRegistry, notifier: ExecutiveNotifier): CallRoute {
  return {
    name: 'executive-interception',
    priority: ROUTE_PRIORITY.executiveInterception,
    async match(call) {
      if (!/^\+?\d+$/.test(call.dialled)) return undefined;
      const executive = call.direction === 'inbound'
        ? await callPathUsers.byDid(deps.db, call.dialled)
        : call.user
          ? await callPathUsers.byExtension(deps.db, call.user.organisationId, call.dialled)
          : await callPathUsers.byExtensionAnywhere(deps.db, call.dialled);
      if (!executive || !executive.services.includes('executive') || call.user?.id === executive.id) return undefined;
      const plan = await planExecutiveCall(deps.db, call, executive, planOptions(deps, call));
      return () => startExecutiveCall(deps, registry, notifier, call, plan);
    },
  };
}

/**
 * Runs one call to an executive; a failure leaves a caller still ringing to the dialplan
 * fallback at the executive's extension (their own phone), however the call arrived.
 */
async function startExecutiveCall(deps: FeatureDeps, registry: ExecutiveCallRegistry, notifier: ExecutiveNotifier, call: IncomingCall, plan: ExecutivePlan): Promise<void> {
  const session = new ExecutiveCallSession({ ...deps, notifier, registry }, plan);
  await runFlow(session, () => session.start(), {
    kind: 'dialplan', direction: 'internal', extension: plan.executive.extension,
    while: () => session.state === 'ringing' || session.state === 'rollover',
  });
}

/**
 * Callers another feature puts through to an executive (the attendant's menu) are
 * filtered like any other call to the executive. They dialled the company number, not
 * one of the executive's: they asked for the executive, so the called number the
 * criteria see is the executive's extension (a criterion "calls to my extension" takes
 * them). The session is started, not awaited: the previous owner's flow ends here.
 */
export function executiveHandoff(deps: FeatureDeps, registry: ExecutiveCallRegistry, notifier: ExecutiveNotifier): ExecutiveHandoff {
  return {
    handles: (user, call) => user.services.includes('executive') && call.user?.id !== user.id,
    async takeOver(call, executive) {
      const putThrough = { ...call, dialled: executive.extension };
      const plan = await planExecutiveCall(deps.db, putThrough, executive, planOptions(deps, putThrough));
      void startExecutiveCall(deps, registry, notifier, call, plan);
    },
  };
}

function planOptions(deps: FeatureDeps, call: IncomingCall): Parameters<typeof planExecutiveCall>[3] {
  return {
    now: deps.clock.now(),
    outboundDialString: deps.config.outboundDialString,
    screeningAlerts: (targets, alertType) => screeningAlerts(deps.ari, call.channel.id, targets, alertType, deps.config.screeningAlertInfo),
  };
}
