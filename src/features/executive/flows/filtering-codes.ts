import { ChannelIo } from '../../../ari/channel-io.js';
import { CallSession, type SessionDeps } from '../../../calls/call-session.js';
import { ROUTE_PRIORITY, type CallRoute, type IncomingCall } from '../../../calls/incoming-call.js';
import { sound } from '../../../calls/prompts.js';
import type { FeatureDeps } from '../../../feature.js';
import { findUserByExtension, type UserProfile } from '../../../users/settings/user-repository.js';
import { parseFeatureCode } from '../policy/feature-code.js';
import type { ExecutiveService } from '../executive-service.js';
import { parseLampKey, type LampKey } from '../policy/lamp-keys.js';
import { executivesOf, getExecutiveSettings, isAssistantOf } from '../settings/executive-repository.js';
import { runFlow } from '../../../calls/run-flow.js';

/** How many times an assistant is asked for the executive's extension before the code call is released. */
export const EXECUTIVE_ENTRY_ATTEMPTS = 3;

type CodeState = 'answered' | 'done';

/**
 * `#61`/`#62` (executive: filtering on/off) and `#65`/`#66` (assistant: opt in/out of an
 * executive's pool, the executive in the dial string or asked for). The person is who the
 * authenticated device belongs to; every outcome, success or refusal, is said, never silence.
 */
class FilteringCodeCall extends CallSession<CodeState> {
  private readonly io: ChannelIo;

  constructor(deps: SessionDeps, private readonly call: IncomingCall, private readonly service: ExecutiveService, private readonly db: FeatureDeps['db']) {
    super(deps, 'executive-code', 'answered', { channelId: call.channel.id, goneReason: 'caller hung up' });
    this.io = new ChannelIo(this.ari, call.channel.id, this.signal);
  }

  async handle(code: '#61' | '#62' | '#65' | '#66', parts: string[]): Promise<void> {
    await this.ari.rest.answer(this.call.channel.id);
    const user = this.call.user;
    if (code === '#61' || code === '#62') await this.filtering(user, code === '#61', parts);
    else await this.optIn(user, code === '#65', parts);
    this.transition('done', ['answered']);
    await this.end('code done');
  }

  /**
   * A busy-lamp key pressed (asterisk-conf hints `*61<executive>`, `*65<assistant>*<executive>`):
   * toggles what the lamp shows. The filter key works for the executive and their assistants;
   * the opt-in key only for the assistant it names.
   */
  async toggle(key: Exclude<LampKey, { kind: 'line' }>): Promise<void> {
    await this.ari.rest.answer(this.call.channel.id);
    const user = this.call.user;
    const executive = user ? await findUserByExtension(this.db, user.organisationId, key.executiveExtension) : undefined;
    if (!user || !executive || !executive.services.includes('executive')) {
      await this.io.play(sound('executive-code-not-valid'));
    } else if (key.kind === 'filter') {
      if (user.id !== executive.id && !(await isAssistantOf(this.db, user.id, executive.id))) {
        await this.io.play(sound('executive-not-in-pool'));
      } else {
        const enabled = !(await getExecutiveSettings(this.db, executive.id)).filtering.enabled;
        await this.service.setFiltering(executive, enabled);
        await this.io.play(sound(enabled ? 'executive-filtering-on' : 'executive-filtering-off'));
      }
    } else if (key.assistantExtension !== user.extension) {
      await this.io.play(sound('executive-code-not-valid'));
    } else {
      const current = (await executivesOf(this.db, user.id)).find((e) => e.executiveId === executive.id);
      await this.optIn(user, current ? !current.optedIn : true, [executive.extension]);
    }
    this.transition('done', ['answered']);
    await this.end('lamp key done');
  }

  private async filtering(user: UserProfile | undefined, enabled: boolean, parts: string[]): Promise<void> {
    if (!user || !user.services.includes('executive')) { await this.io.play(sound('executive-not-an-executive')); return; }
    if (parts.length > 0) { await this.io.play(sound('executive-code-not-valid')); return; }
    await this.service.setFiltering(user, enabled);
    this.log.info({ executive: user.extension, enabled }, 'filtering set by feature code');
    await this.io.play(sound(enabled ? 'executive-filtering-on' : 'executive-filtering-off'));
  }

  private async optIn(user: UserProfile | undefined, optedIn: boolean, parts: string[]): Promise<void> {
    if (!user || !user.services.includes('assistant')) { await this.io.play(sound('executive-not-an-assistant')); return; }
    const executive = await this.askExecutive(user, parts.length === 1 ? parts[0] : undefined, parts.length > 1);
    if (!executive) { await this.io.play(sound('executive-code-not-valid'), sound('core-goodbye')); return; }
    if (!(await isAssistantOf(this.db, user.id, executive.id))) { await this.io.play(sound('executive-not-in-pool')); return; }
    if (!(await getExecutiveSettings(this.db, executive.id)).allowOptInOut) { await this.io.play(sound('executive-opt-in-not-allowed')); return; }
    await this.service.setOptIn(user, executive, optedIn);
    this.log.info({ assistant: user.extension, executive: executive.extension, optedIn }, 'opt-in set by feature code');
    await this.io.play(sound(optedIn ? 'executive-opted-in' : 'executive-opted-out'));
  }

  /** The executive named in the dial string, else asked for by voice; a wrong entry is asked again, a bounded number of times. */
  private async askExecutive(assistant: UserProfile, dialled: string | undefined, malformed: boolean): Promise<UserProfile | undefined> {
    let entry = dialled;
    for (let attempt = 1; attempt <= EXECUTIVE_ENTRY_ATTEMPTS; attempt += 1) {
      if (entry === undefined && !(malformed && attempt === 1)) {
        const collected = await this.io.collect({ prompt: [sound('executive-enter-executive')], maxDigits: 8, terminators: '#', firstDigitTimeoutMs: 6000 });
        entry = collected.digits;
      }
      const executive = entry && /^\d+$/.test(entry) ? await findUserByExtension(this.db, assistant.organisationId, entry) : undefined;
      if (executive && executive.services.includes('executive')) return executive;
      this.log.info({ entry, attempt }, 'not an executive');
      entry = undefined;
      this.io.clearTypeahead();
      if (attempt < EXECUTIVE_ENTRY_ATTEMPTS) await this.io.play(sound('core-invalid-try-again'));
    }
    return undefined;
  }
}

export function filteringCodeRoute(deps: FeatureDeps, service: ExecutiveService): CallRoute {
  return {
    name: 'executive-filtering-codes',
    priority: ROUTE_PRIORITY.featureCode,
    match(call) {
      if (call.direction !== 'internal') return undefined;
      const lamp = parseLampKey(call.dialled);
      // The line key (*64<executive>) is call control's: pressing it retrieves the call.
      if (lamp && lamp.kind !== 'line') {
        return async () => {
          const session = new FilteringCodeCall(deps, call, service, deps.db);
          await runFlow(session, () => session.toggle(lamp), { kind: 'end' });
        };
      }
      const parsed = parseFeatureCode(call.dialled);
      if (!parsed) return undefined;
      const { code, parts } = parsed;
      if (code !== '#61' && code !== '#62' && code !== '#65' && code !== '#66') return undefined;
      return async () => {
        const session = new FilteringCodeCall(deps, call, service, deps.db);
        await runFlow(session, () => session.handle(code, parts), { kind: 'prompt' });
      };
    },
  };
}
