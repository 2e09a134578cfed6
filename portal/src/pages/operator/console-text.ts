import type { Schemas } from '../../api';

export type ConsoleView = Schemas['OperatorConsole'];
export type ConsoleCall = ConsoleView['calls'][number];
export type ConsolePerson = ConsoleView['people'][number];

const STEP_TEXT: Record<NonNullable<ConsoleCall['step']>, string> = {
  greeting: 'hearing the greeting', 'main-menu': 'at the main menu', 'confirming-a-name': 'confirming a name',
  'choosing-from-a-list': 'choosing from a list', 'put-through': 'being put through',
};

/** Where a call is, in a receptionist's words. */
export function callText(call: ConsoleCall): string {
  switch (call.state) {
    case 'menu': return `In the menu, ${STEP_TEXT[call.step ?? 'main-menu']}`;
    case 'waiting': return call.with ? `Waiting for ${call.with.name}` : 'Waiting for the operator';
    case 'ringing': return call.with ? `Ringing ${call.with.name} (${call.with.extension})` : 'Ringing';
    case 'connected': return call.with ? `Talking to ${call.with.name}` : 'Connected';
    case 'parked': return call.with ? `Parked in slot ${call.slot ?? ''}, ringing ${call.with.name}` : `Parked in slot ${call.slot ?? ''}`;
  }
}

export const PERSON_TEXT: Record<ConsolePerson['state'], string> = {
  idle: 'Idle', 'on-a-call': 'On a call', ringing: 'Ringing', 'out-of-office': 'Out of office', 'logged-out': 'Logged out',
};

export { matchesSearch, waited } from './search';
