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

/** "1:05": minutes and seconds since `since`. */
export function waited(since: string, now: number): string {
  const seconds = Math.max(0, Math.floor((now - Date.parse(since)) / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** The search box: a name (any word's start), an extension or a DID (any part of the digits), as you type. */
export function matchesSearch(person: ConsolePerson, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  const digits = q.replace(/[^\d]/g, '');
  if (digits && digits === q.replace(/[\s+()-]/g, '')) {
    return person.extension.includes(digits) || person.dids.some((d) => d.replace(/\D/g, '').includes(digits));
  }
  const name = person.name.toLowerCase();
  return name.startsWith(q) || name.split(/\s+/).some((word) => word.startsWith(q)) || name.includes(q);
}
