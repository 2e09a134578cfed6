import type { Kysely } from 'kysely';
import type { SessionDeps } from '../../calls/call-session.js';
import type { VoicemailHandoff } from '../../calls/handoffs.js';
import { ROUTE_PRIORITY, type CallRoute } from '../../calls/incoming-call.js';
import type { Database } from '../../store/schema.js';
import { findUserByExtension, findUserByExtensionAnywhere } from '../../users/settings/user-repository.js';
import { PlainCall } from './flows/plain-call.js';
import { planInternalCall } from './policy/plan-internal-call.js';

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
        ? await findUserByExtension(deps.db, call.user.organisationId, call.dialled)
        : await findUserByExtensionAnywhere(deps.db, call.dialled);
      const plan = planInternalCall(callee, call);
      if (plan.action !== 'ring' || !callee) return undefined;
      return async () => {
        const session = new PlainCall(deps, call, callee, deps.voicemail());
        await session.run(() => session.connect(plan)).catch(async (error: unknown) => {
          session.fail(error);
          // Leave the caller to the dispatcher's dialplan fallback rather than hang up.
          if (!session.isEnded && session.state === 'ringing') session.releaseChannel(call.channel.id);
          await session.end('flow failed');
          // The fallback rings the callee's own phone: let our legs to it go first.
          await session.legsGone();
          throw error;
        });
      };
    },
  };
}
