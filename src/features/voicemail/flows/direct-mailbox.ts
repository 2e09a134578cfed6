import type { Kysely } from 'kysely';
import { CallSession, type SessionDeps } from '../../../calls/call-session.js';
import type { VoicemailHandoff } from '../../../calls/handoffs.js';
import { ROUTE_PRIORITY, type CallRoute, type IncomingCall } from '../../../calls/incoming-call.js';
import type { Database } from '../../../store/schema.js';
import type { UserProfile } from '../../../users/settings/user-repository.js';
import { callPathUsers } from '../../../users/settings/user-cache.js';
import { runFlow } from '../../../calls/run-flow.js';

/** A caller dialling a general voicemail box (a user of type general_voicemail, no phone of its own). */
class DirectMailboxCall extends CallSession<'voicemail'> {
  constructor(deps: SessionDeps, readonly call: IncomingCall) {
    super(deps, 'vmdirect', 'voicemail', { channelId: call.channel.id, goneReason: 'caller hung up' });
  }
}

/**
 * General mailboxes (sales@, support@) have no device to ring: dialling their extension
 * goes straight to the greeting and the beep.
 */
export function directMailboxRoute(deps: SessionDeps & { db: Kysely<Database> }, handoff: Pick<VoicemailHandoff, 'takeMessage'>): CallRoute {
  return {
    name: 'voicemail-general-box',
    priority: ROUTE_PRIORITY.voicemail,
    async match(call) {
      if (call.direction !== 'internal' || !/^\d+$/.test(call.dialled)) return undefined;
      const box: UserProfile | undefined = call.user
        ? await callPathUsers.byExtension(deps.db, call.user.organisationId, call.dialled)
        : await callPathUsers.byExtensionAnywhere(deps.db, call.dialled);
      if (!box || box.type !== 'general_voicemail' || !box.services.includes('voicemail')) return undefined;
      return async () => {
        const session = new DirectMailboxCall(deps, call);
        await runFlow(session, () => handoff.takeMessage(session, call.channel.id, box.id, 'direct'), {
          kind: 'dialplan', direction: call.direction, extension: call.dialled,
        });
        await session.end('voicemail done');
      };
    },
  };
}
