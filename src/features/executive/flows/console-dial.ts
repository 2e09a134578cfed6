import { CallSession, type SessionDeps } from '../../../calls/call-session.js';
import { ringFirstOf } from '../../../calls/ringing.js';
import { runFlow } from '../../../calls/run-flow.js';
import type { UserProfile } from '../../../users/settings/user-repository.js';
import type { ParsedFeatureCode } from '../policy/feature-code.js';
import type { CallControlContext } from './call-control-context.js';
import { runCallControlCode } from './call-control-routes.js';
import { FeatureCodeCall } from './code-call.js';

/** The console's click to dial rings the assistant's phone this long at least. */
const MIN_RING_SECONDS = 20;

/** The leg to the assistant's phone, until they answer: then the code call owns it. */
class ConsoleDialSession extends CallSession<'ringing-assistant'> {
  constructor(deps: SessionDeps) { super(deps, 'exec-console', 'ringing-assistant'); }
}

export interface ConsoleDial {
  assistant: UserProfile;
  /** The assistant's own phone (primary device). */
  device: string;
  /** What the phone would have dialled: `#64 <executive> *11`, `*15` or a destination. */
  code: ParsedFeatureCode;
  /** What the ringing phone shows: what is about to happen (the executive, the destination). */
  display: { name: string; number: string };
  /** The auto-answer hint for phones that honour one (console-actions.ts). */
  sipHeaders: Record<string, string>;
}

/**
 * Click to dial from the assistant's console (Retrieve, Bridge, Call as the executive):
 * the assistant's phone rings first; once they answer, the call-control code runs on that
 * leg exactly as if the phone had dialled it, through the same flows (retrieve-bridge.ts,
 * initiate-on-behalf.ts): one implementation, and the prompts a refusal plays are heard
 * on the phone too. Not awaited by the API: it answers once the phone rings.
 */
export function dialFromConsole(ctx: CallControlContext, request: ConsoleDial): void {
  const session = new ConsoleDialSession(ctx);
  session.log.info({ code: request.code.code, parts: request.code.parts, device: request.device }, 'console: ringing the assistant first');
  void runFlow(session, async () => {
    const { winner } = await ringFirstOf(session, [request.device], {
      role: 'assistant-phone', ringSeconds: Math.max(MIN_RING_SECONDS, request.assistant.noAnswerSeconds),
      callerId: request.display, sipHeaders: request.sipHeaders,
    });
    if (!winner) { await session.end('the assistant did not answer their phone'); return; }
    const channel = await ctx.ari.rest.getChannel(winner.id);
    // Both steps at once: the code call takes the leg, this session lets go of it and ends.
    session.releaseChannel(winner.id);
    const code = new FeatureCodeCall(ctx, {
      channel, direction: 'internal', device: request.device, user: request.assistant,
      dialled: [request.code.code, ...request.code.parts].join(''),
      presented: { name: request.assistant.name, number: request.assistant.extension },
    }, request.code.code);
    await session.end('answered: the code call carries on');
    await runFlow(code, () => runCallControlCode(ctx, code, request.code), { kind: 'prompt' });
  }, { kind: 'end' });
}
