import type { SessionTracker } from '../../../calls/session-tracker.js';
import { AttendantCall } from '../flows/attendant-call.js';
import { ParkedCall } from '../flows/parked-call.js';
import { consoleCallState, type ConsoleCallState, type MenuStep } from '../policy/console-calls.js';

/** A call as the operator console lists it. */
export interface ConsoleCall {
  id: string;
  state: ConsoleCallState;
  /** Where in the menu the caller is (menu calls), else null. */
  step: MenuStep | null;
  caller: { name: string; number: string };
  /** When the call began: the console counts the time waiting from it. */
  since: string;
  /** Who is being rung for the caller or is talking to them. */
  with: { id: number; name: string; extension: string } | null;
  /** The parking slot of a parked call, else null. */
  slot: number | null;
}

/** The organisation's calls the console may act on: the attendant's and the parked, from the live sessions. */
export function consoleCalls(tracker: SessionTracker, organisationId: number): ConsoleCall[] {
  const calls: ConsoleCall[] = [];
  for (const session of tracker.all()) {
    if (session.isEnded) continue;
    if (session instanceof AttendantCall && session.organisationId === organisationId && session.atCompanyNumber) {
      const state = consoleCallState(session.state);
      if (!state) continue;
      calls.push({
        id: session.id, state, step: state === 'menu' ? session.step : null, caller: session.callerId, since: session.startedAt.toISOString(),
        with: state === 'menu' ? null : personOf(session.target), slot: null,
      });
    }
    if (session instanceof ParkedCall && session.organisationId === organisationId && session.state !== 'parking') {
      calls.push({
        id: session.id, state: session.state === 'connected' ? 'connected' : 'parked', step: null, caller: session.callerId,
        since: session.startedAt.toISOString(), with: personOf(session.target), slot: session.slot,
      });
    }
  }
  return calls.sort((a, b) => a.since.localeCompare(b.since) || a.id.localeCompare(b.id));
}

/** The session behind a console call id, if it is one of the organisation's: never another's. */
export function consoleSession(tracker: SessionTracker, organisationId: number, callId: string): AttendantCall | ParkedCall | undefined {
  const session = tracker.get(callId);
  if (!session || session.isEnded) return undefined;
  if (session instanceof AttendantCall && (!session.atCompanyNumber || !consoleCallState(session.state))) return undefined;
  if (!(session instanceof AttendantCall) && !(session instanceof ParkedCall)) return undefined;
  return session.organisationId === organisationId ? session : undefined;
}

function personOf(user: { id: number; name: string; extension: string } | undefined): ConsoleCall['with'] {
  return user ? { id: user.id, name: user.name, extension: user.extension } : null;
}
