import { ChannelIo } from '../../../ari/channel-io.js';
import { CallSession } from '../../../calls/call-session.js';
import type { IncomingCall } from '../../../calls/incoming-call.js';
import { digitsMedia, sound } from '../../../calls/prompts.js';
import type { Organisation } from '../../../store/schema.js';
import { findUserByExtension, getUser, type UserProfile } from '../../../users/settings/user-repository.js';
import { interpretKeys, judgeMatches, MAX_LISTED_MATCHES } from '../policy/menu-input.js';
import { confirmationAnswer, listPick, listPickPhrases, matchUtterance, menuGrammar } from '../policy/speech-match.js';
import { getAttendantSettings, openingAt, type AttendantSettings } from '../settings/attendant-settings.js';
import { getCompanyGreetings } from '../settings/company-greetings.js';
import { allDirectoryNames, searchByKeypad, type DirectoryEntry } from '../settings/directory.js';
import { isUserOutOfOffice } from '../settings/out-of-office.js';
import type { AttendantDeps } from './context.js';
import { listen } from './listen.js';
import { UserReacher, type ReachOptions, type ReachResult } from './reach-user.js';
import type { MenuStep } from '../policy/console-calls.js';

type AttendantState = 'menu' | 'connecting' | 'connected' | 'voicemail' | 'operator';
/** What one turn of the menu led to: someone to reach, the operator, or another try. */
type Turn = { next: 'user'; user: UserProfile } | { next: 'operator' } | { next: 'retry'; prompt?: string };

/**
 * A caller at the company number (PRODUCT.md 4): greeting, then a menu where they say
 * a name, spell it on the keypad, key an extension or press 0; a bounded number of
 * tries, then the operator. Also takes DID calls straight to one user (no menu), with
 * the menu as the way back when that user cannot be reached.
 */
export class AttendantCall extends CallSession<AttendantState> {
  private readonly io: ChannelIo;
  private readonly reacher: UserReacher;
  private settings!: AttendantSettings;
  private directory: DirectoryEntry[] | undefined;
  /** Users the caller said "no" to: never offered again in this call. */
  private readonly rejected = new Set<number>();
  /** For the operator console: where in the menu the caller is, and who is being rung for them. */
  step: MenuStep = 'greeting';
  target: UserProfile | undefined;
  /** Shown on the operator console: company number callers, and DID callers once they are in the menu. */
  atCompanyNumber = false;

  constructor(private readonly deps: AttendantDeps, private readonly call: IncomingCall, private readonly org: Organisation) {
    super(deps, 'attendant', 'menu', { channelId: call.channel.id, goneReason: 'caller hung up' });
    this.io = new ChannelIo(deps.ari, call.channel.id, this.signal);
    const callerId = call.user ? { name: call.user.name, number: call.user.extension } : call.presented;
    this.reacher = new UserReacher(deps, this, this.io, callerId);
  }

  get organisation(): Organisation { return this.org; }
  get organisationId(): number { return this.org.id; }
  get callerId(): { name: string; number: string } { return this.call.user ? { name: this.call.user.name, number: this.call.user.extension } : this.call.presented; }
  get callerChannelId(): string { return this.call.channel.id; }

  /** The company number: greeting, menu, and whoever the caller picks. */
  async answerCompanyNumber(): Promise<void> {
    this.atCompanyNumber = true;
    this.moved('greeting');
    // Looked up before the answer, so that the greeting follows it at once: an answered
    // caller with nothing playing and nothing queued hears silence, for as long as a
    // restart takes if the controller dies in between (src/ari/safety-music.ts).
    this.settings = await getAttendantSettings(this.deps.db, this.org.id);
    const greeting = await openingAt(this.deps.db, this.org.id, this.clock.now(), this.org.timezone);
    await this.ari.rest.answer(this.call.channel.id);
    const prompt = greeting === 'holiday' ? this.settings.holidayGreeting : greeting === 'after-hours' ? this.settings.afterHoursGreeting : this.settings.businessGreeting;
    // An uploaded or recorded company greeting wins over the prompt the settings name.
    const uploaded = (await getCompanyGreetings(this.deps.db, this.org.id))[greeting];
    this.log.info({ greeting, prompt: uploaded ? 'uploaded' : prompt }, 'company number answered');
    this.deps.live.publish({ organisationId: this.org.id, kind: 'attendant-greeting', userIds: [], data: { sessionId: this.id, greeting } });
    await this.io.play(uploaded ? this.deps.companyGreetingMedia(uploaded) : sound(prompt));
    await this.menu();
  }

  /** A DID call: straight to its user; the menu only if they cannot be reached. */
  async connectDid(user: UserProfile): Promise<void> {
    this.settings = await getAttendantSettings(this.deps.db, this.org.id);
    await this.ari.rest.answer(this.call.channel.id);
    if ((await this.putThrough(user)) !== 'unreachable') return;
    this.atCompanyNumber = true;
    await this.menu();
  }

  /**
   * The operator console's Transfer: the caller is put through to `user` exactly as if
   * they had picked them in the menu (out of office, backup, voicemail), and back to the
   * menu when that user cannot be reached.
   */
  async transferFromConsole(user: UserProfile, options: ReachOptions): Promise<void> {
    this.atCompanyNumber = true;
    this.settings = await getAttendantSettings(this.deps.db, this.org.id);
    if ((await this.putThrough(user, options)) !== 'unreachable') return;
    await this.menu();
  }

  /** The operator console's Send to voicemail: the user's mailbox, as when nobody answers. */
  async voicemailFromConsole(user: UserProfile): Promise<void> {
    this.transition('voicemail', ['menu']);
    this.moved('put-through');
    if ((await this.reacher.voicemail(user, 'unavailable')) !== 'voicemail') this.log.info({ user: user.extension }, 'no mailbox: the caller heard the apology');
    await this.end('voicemail done');
  }

  /**
   * Lets the caller go, without hanging up, to a new session the operator console starts
   * (a transfer, a parking slot): whatever this call was doing (a prompt, a phone ringing
   * for it, a bridge) stops with it. Returns the call as the next session takes it.
   */
  async handOver(reason: string): Promise<IncomingCall> {
    this.releaseChannel(this.call.channel.id);
    this.io.close();
    await this.end(reason);
    await this.legsGone();
    return { ...this.call, channel: { ...this.call.channel, state: 'Up' } };
  }

  /** A step the console shows: where the caller is now (the console re-reads calls on each live event). */
  private moved(step: MenuStep): void {
    this.step = step;
    this.deps.live.publish({ organisationId: this.org.id, kind: 'attendant-call', userIds: this.target ? [this.target.id] : [], data: { sessionId: this.id, state: this.state, step } });
  }

  private async menu(): Promise<void> {
    for (let attempt = 1; attempt <= this.settings.maxAttempts; attempt += 1) {
      const turn = await this.oneTurn(attempt);
      if (turn.next === 'operator') return this.operator();
      if (turn.next === 'user') {
        if ((await this.putThrough(turn.user)) !== 'unreachable') return;
        continue;
      }
      if (turn.prompt) await this.io.play(sound(turn.prompt));
    }
    this.log.info({ attempts: this.settings.maxAttempts }, 'too many tries: to the operator');
    await this.io.play(sound('attendant-too-many-tries'));
    await this.operator();
  }

  private async oneTurn(attempt: number): Promise<Turn> {
    this.moved('main-menu');
    const speech = this.settings.speechEnabled;
    const menuPrompt = speech ? (attempt === 1 ? 'attendant-menu' : 'attendant-say-again') : 'attendant-menu-keys';
    let keys = await this.io.collect({ prompt: [sound(menuPrompt)], maxDigits: 12, terminators: '#', firstDigitTimeoutMs: speech ? 200 : 6000, interDigitTimeoutMs: 3000 });
    if (!keys.digits && speech) {
      const heard = await listen(this.ari, this.call.channel.id, this.signal, this.deps.recogniser, this.log, {
        grammar: menuGrammar(await this.directoryNames(), this.rejected),
      });
      if (heard.kind === 'speech') return this.fromSpeech(heard.text);
      if (heard.kind === 'keys') keys = await this.io.collect({ maxDigits: 12, terminators: '#', firstDigitTimeoutMs: 3000, interDigitTimeoutMs: 3000 });
    }
    if (!keys.digits) return { next: 'retry', prompt: 'attendant-not-valid' };
    return this.fromKeys(keys.digits);
  }

  private async fromKeys(digits: string): Promise<Turn> {
    // Only users with the attendant service are reachable through it (PRODUCT.md 1).
    const found = await findUserByExtension(this.deps.db, this.org.id, digits);
    const byExtension = found?.services.includes('attendant') ? found : undefined;
    const choice = interpretKeys(digits, () => byExtension !== undefined);
    this.log.info({ digits, choice: choice.kind }, 'menu keys');
    if (choice.kind === 'operator') return { next: 'operator' };
    if (choice.kind === 'extension' && byExtension) return { next: 'user', user: byExtension };
    if (choice.kind !== 'spelling') return { next: 'retry', prompt: 'attendant-not-valid' };
    const verdict = judgeMatches<DirectoryEntry>(await searchByKeypad(this.deps.db, this.org.id, choice.digits, 9));
    if (verdict.kind === 'none') return { next: 'retry', prompt: 'attendant-no-match' };
    if (verdict.kind === 'too-many') return { next: 'retry', prompt: 'attendant-too-many-matches' };
    const picked = verdict.kind === 'one' ? verdict.match : await this.pickFromList(verdict.matches);
    if (!picked) return { next: 'retry', prompt: 'attendant-not-valid' };
    return this.userTurn(picked.userId);
  }

  private async fromSpeech(text: string): Promise<Turn> {
    const names = await this.directoryNames();
    const verdict = matchUtterance(text, names, this.rejected);
    this.log.info({ heard: text, verdict: verdict.kind }, 'menu speech');
    if (verdict.kind === 'operator') return { next: 'operator' };
    if (verdict.kind === 'nothing') return { next: 'retry', prompt: 'attendant-not-understood' };
    // A spoken extension is confirmed like a name: a misheard digit would ring someone else.
    const userIds = verdict.kind === 'extension' ? [...new Set(names.filter((n) => n.extension === verdict.extension && !this.rejected.has(n.userId)).map((n) => n.userId))] : verdict.userIds;
    if (verdict.kind === 'extension' && userIds.length === 0) return this.fromKeys(verdict.extension);
    if (userIds.length === 0) return { next: 'retry', prompt: 'attendant-no-match' };
    if (userIds.length > MAX_LISTED_MATCHES) return { next: 'retry', prompt: 'attendant-too-many-matches' };
    const candidates = userIds.map((id) => names.find((n) => n.userId === id && !n.isAlias) ?? names.find((n) => n.userId === id)!);
    let picked: DirectoryEntry | undefined;
    if (candidates.length === 1) {
      const answer = await this.confirm(candidates[0]!);
      if (answer !== 'yes') {
        if (answer === 'no') this.rejected.add(candidates[0]!.userId);
        return { next: 'retry' };
      }
      picked = candidates[0];
    } else {
      picked = await this.pickFromList(candidates);
      if (!picked) return { next: 'retry', prompt: 'attendant-not-valid' };
    }
    return this.userTurn(picked!.userId);
  }

  private async userTurn(userId: number): Promise<Turn> {
    const user = await getUser(this.deps.db, userId);
    return user ? { next: 'user', user } : { next: 'retry', prompt: 'attendant-no-match' };
  }

  /** "Did you mean Mary Jones, extension 1005? Say yes or press 1, say no or press 2." */
  private async confirm(entry: DirectoryEntry): Promise<'yes' | 'no' | undefined> {
    this.moved('confirming-a-name');
    const question = [sound('attendant-did-you-mean'), ...(await this.deps.names.nameAndExtension(entry)), sound('attendant-confirm-keys')];
    const keys = await this.io.collect({ prompt: question, maxDigits: 1, terminators: '', firstDigitTimeoutMs: 200 });
    if (keys.digits) return confirmationAnswer(undefined, keys.digits);
    const heard = await listen(this.ari, this.call.channel.id, this.signal, this.deps.recogniser, this.log, {
      grammar: { phrases: ['yes', 'no', 'yeah', 'nope', 'correct', 'one', 'two'] }, maxSeconds: 5,
    });
    if (heard.kind === 'keys') {
      const key = await this.io.collect({ maxDigits: 1, terminators: '', firstDigitTimeoutMs: 1000 });
      return confirmationAnswer(undefined, key.digits);
    }
    return confirmationAnswer(heard.kind === 'speech' ? heard.text : undefined, undefined);
  }

  /**
   * "For Mary Jones, extension 1005, press 1. For …": a key, or, with speech on, the
   * number said aloud ("two", "number two", "the second one") or the name again.
   */
  private async pickFromList(matches: DirectoryEntry[]): Promise<DirectoryEntry | undefined> {
    this.moved('choosing-from-a-list');
    const speech = this.settings.speechEnabled;
    const media: string[] = [];
    for (const [i, match] of matches.entries()) {
      media.push(sound('attendant-for'), ...(await this.deps.names.nameAndExtension(match)), sound('attendant-press'), ...digitsMedia(String(i + 1)));
    }
    if (speech) media.push(sound('attendant-list-say'));
    let keys = await this.io.collect({ prompt: media, maxDigits: 1, terminators: '', firstDigitTimeoutMs: speech ? 200 : 5000 });
    if (!keys.digits && speech) {
      const heard = await listen(this.ari, this.call.channel.id, this.signal, this.deps.recogniser, this.log, {
        grammar: { phrases: [...listPickPhrases(matches.length), ...matches.map((m) => m.name)] }, maxSeconds: 5,
      });
      if (heard.kind === 'speech') {
        const index = listPick(heard.text, matches);
        this.log.info({ heard: heard.text, index }, 'list pick by voice');
        return index === undefined ? undefined : matches[index];
      }
      if (heard.kind === 'keys') keys = await this.io.collect({ maxDigits: 1, terminators: '', firstDigitTimeoutMs: 1000 });
    }
    const index = Number(keys.digits) - 1;
    return Number.isInteger(index) && index >= 0 ? matches[index] : undefined;
  }

  /** The caller hears ringback at once: a "please hold" prompt first measured 2.5 s more to the first ring. */
  private async putThrough(user: UserProfile, options: ReachOptions = {}): Promise<ReachResult> {
    this.transition('connecting', ['menu', 'connecting']);
    this.target = user;
    this.moved('put-through');
    const executive = this.deps.executive();
    // Out of office comes first for executives too (backup, else voicemail): only a
    // present executive's callers are filtered to the assistants.
    if (executive?.handles(user, this.call) && !(await isUserOutOfOffice(this.deps.db, user.id, this.deps.clock.now()))) {
      // An executive's calls are filtered to their assistants however they arrive: the
      // executive feature takes the caller over, this session lets go without hanging up.
      this.log.info({ executive: user.extension }, 'handing the caller to the executive feature');
      this.releaseChannel(this.call.channel.id);
      this.io.close();
      await this.end('put through to an executive');
      await executive.takeOver({ ...this.call, channel: { ...this.call.channel, state: 'Up' } }, user);
      return 'connected';
    }
    const result = await this.reacher.reach(user, options);
    if (result === 'connected') this.transition('connected', ['connecting']);
    else if (result === 'voicemail') { this.transition('voicemail', ['connecting']); await this.end('voicemail done'); }
    else { this.transition('menu', ['connecting']); this.target = undefined; }
    this.moved('put-through');
    return result;
  }

  /** `0`: the organisation's operator, an extension or a dial string. */
  private async operator(): Promise<void> {
    this.transition('operator', ['menu', 'connecting']);
    await this.io.play(sound('attendant-operator'));
    const destination = this.org.operator_destination;
    const user = destination && /^\d+$/.test(destination) ? await findUserByExtension(this.deps.db, this.org.id, destination) : undefined;
    this.log.info({ destination }, 'to the operator');
    this.target = user;
    this.moved('put-through');
    // An outside number (accepted by the settings route's dial-string check) goes through the trunk.
    const dialString = destination && /^\+?\d+$/.test(destination) ? this.deps.outboundDialString.replace('{number}', destination) : destination;
    const result = user ? await this.reacher.reach(user) : dialString ? await this.reacher.ringDestination(dialString) : 'unreachable';
    if (result === 'unreachable') {
      await this.io.play(sound('attendant-operator-unavailable'));
      await this.end('operator unavailable');
    } else if (result === 'voicemail') {
      await this.end('voicemail done');
    }
  }

  private async directoryNames(): Promise<DirectoryEntry[]> {
    this.directory ??= await allDirectoryNames(this.deps.db, this.org.id);
    return this.directory;
  }
}
