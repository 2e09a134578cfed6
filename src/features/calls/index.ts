import type { Kysely } from 'kysely';
import type { SessionDeps } from '../../calls/call-session.js';
import type { VoicemailHandoff } from '../../calls/handoffs.js';
import { ROUTE_PRIORITY, type CallRoute } from '../../calls/incoming-call.js';
import type { Database } from '../../store/schema.js';
import { callPathUsers } from '../../users/settings/user-cache.js';
import { PlainCall } from './flows/plain-call.js';
import { planInternalCall } from './policy/plan-internal-call.js';
import { runFlow } from '../../calls/run-flow.js';

export interface PlainCallsDeps extends SessionDeps {
  db: Kysely<Database>;
  voicemail: () => VoicemailHandoff | undefined;
}

/** The path every feature builds on: a phone dialling a user's extension rings that user. */
export function plainCallRoute(deps: PlainCallsDeps): CallRoute {
  return {
    name: 'plain-call',
    priority: ROUTE_PRIORITY.plainCall,
    async match(call) {
      if (call.direction !== 'internal' || !/^\d+$/.test(call.dialled)) return undefined;
      const callee = call.user
        ? await callPathUsers.byExtension(deps.db, call.user.organisationId, call.dialled)
        : await callPathUsers.byExtensionAnywhere(deps.db, call.dialled);
      const plan = planInternalCall(callee, call);
      if (plan.action !== 'ring' || !callee) return undefined;
      return async () => {
        const session = new PlainCall(deps, call, callee, deps.voicemail());
        await runFlow(session, () => session.connect(plan), {
          kind: 'dialplan', direction: call.direction, extension: call.dialled, while: () => session.state === 'ringing',
        });
      };
    },
  };
}
