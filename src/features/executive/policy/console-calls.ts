import { lineState } from './line-state.js';

/** One executive call as the console's rules see it (plain data from the call registry). */
export interface ConsoleCallFacts {
  id: string;
  remote: { name: string; number: string };
  startedAt: Date;
  answered: boolean;
  onHold: boolean;
  /** A filtered call ringing the assistants now. */
  awaitsAssistant: boolean;
  handler: { userId: number | undefined; device: string } | undefined;
}

export type CallAction = 'take' | 'voicemail' | 'forward' | 'push' | 'hold' | 'resume' | 'transfer';
export type LineAction = 'retrieve' | 'bridge' | 'call';
export type ConsoleCallState = 'ringing-assistants' | 'ringing' | 'answered' | 'on-hold';
export type ConsoleLineState = 'idle' | 'ringing' | 'on-a-call' | 'on-hold';

export interface ConsoleCall {
  id: string;
  caller: { name: string; number: string };
  since: string;
  state: ConsoleCallState;
  handledByMe: boolean;
  actions: CallAction[];
}

export interface ConsoleLine {
  state: ConsoleLineState;
  /** The other party of the answered call, while there is one. */
  with: { name: string; number: string } | null;
  actions: LineAction[];
  calls: ConsoleCall[];
}

const LINE: Record<ReturnType<typeof lineState>, ConsoleLineState> = { NOT_INUSE: 'idle', RINGING: 'ringing', INUSE: 'on-a-call', ONHOLD: 'on-hold' };

/**
 * What an assistant sees of one executive's line and may do, from the executive's calls
 * in progress: the same rules as the feature codes.
 * - a filtered call ringing the assistants: Take, Send to voicemail, Forward;
 * - the assistant's own answered executive call: Push (#63), Hold or Resume, Transfer;
 * - an answered call handled on another device: Retrieve (*11) and Bridge (*15), which act
 *   on the most recent such call, as `#64 <executive> *11` / `*15` do;
 * - Call as the executive (#64 <executive> <number>) always.
 */
export function consoleLine(calls: ConsoleCallFacts[], me: { userId: number; device: string | undefined }): ConsoleLine {
  const state = LINE[lineState(calls.map((c) => ({ answered: c.answered, onHold: c.onHold })))];
  const talking = calls.find((c) => c.answered && !c.onHold) ?? calls.find((c) => c.answered);
  const elsewhere = calls.some((c) => c.answered && c.handler !== undefined && c.handler.device !== me.device);
  return {
    state,
    with: talking ? { ...talking.remote } : null,
    actions: [...(elsewhere ? ['retrieve', 'bridge'] as const : []), 'call'],
    calls: calls.map((c) => consoleCall(c, me.userId)),
  };
}

function consoleCall(call: ConsoleCallFacts, myUserId: number): ConsoleCall {
  const mine = call.answered && call.handler?.userId === myUserId;
  const state: ConsoleCallState = call.awaitsAssistant ? 'ringing-assistants' : !call.answered ? 'ringing' : call.onHold ? 'on-hold' : 'answered';
  const actions: CallAction[] = call.awaitsAssistant ? ['take', 'voicemail', 'forward']
    : mine ? ['push', call.onHold ? 'resume' : 'hold', 'transfer'] : [];
  return { id: call.id, caller: { ...call.remote }, since: call.startedAt.toISOString(), state, handledByMe: mine, actions };
}

/**
 * The hint that asks a phone to answer by itself (Take, and the console's click to dial):
 * `Call-Info: answer-after=0` is what Polycom, Yealink, Snom and Grandstream honour; the
 * `Alert-Info` auto-answer form is Cisco's and Yealink's. Phones that know neither ring.
 */
export const AUTO_ANSWER_HINT: Readonly<Record<string, string>> = {
  'Call-Info': '<sip:switchboard.invalid>;answer-after=0',
  'Alert-Info': '<http://switchboard.invalid>;info=alert-autoanswer;delay=0',
};
