import { ChannelIo } from '../../../ari/channel-io.js';
import { CallSession } from '../../../calls/call-session.js';
import type { IncomingCall } from '../../../calls/incoming-call.js';
import { sound } from '../../../calls/prompts.js';
import type { UserProfile } from '../../../users/settings/user-repository.js';
import { hasAgentLogin } from '../policy/agent-login.js';
import { setAgentLogin } from '../settings/agent-login.js';
import type { AttendantDeps } from './context.js';

/**
 * `*50` / `*51` from an agent's phone: logged in or out, confirmed by Asterisk's own
 * "agent login accepted" / "agent logged off"; anyone else hears that they have no login.
 */
export class AgentLoginCall extends CallSession<'confirming'> {
  constructor(private readonly deps: AttendantDeps, private readonly call: IncomingCall) {
    super(deps, 'agent-login', 'confirming', { channelId: call.channel.id, goneReason: 'caller hung up' });
  }

  async apply(user: UserProfile, loggedIn: boolean): Promise<void> {
    await this.ari.rest.answer(this.call.channel.id);
    const io = new ChannelIo(this.ari, this.call.channel.id, this.signal);
    if (!hasAgentLogin(user.type)) {
      this.log.info({ user: user.extension, type: user.type }, 'agent login code from a user who is no agent');
      await io.play(sound('attendant-not-an-agent'));
      await this.end('not an agent');
      return;
    }
    await setAgentLogin(this.deps.db, this.deps.live, user, loggedIn);
    this.log.info({ user: user.extension, loggedIn }, loggedIn ? 'agent logged in by phone' : 'agent logged out by phone');
    await io.play(loggedIn ? 'sound:agent-loginok' : 'sound:agent-loggedoff');
    await this.end(loggedIn ? 'agent logged in' : 'agent logged out');
  }
}
