import type { Kysely } from 'kysely';
import type { SessionTracker } from '../../../calls/session-tracker.js';
import type { LiveLine } from '../../../http/live/live-state.js';
import type { Database } from '../../../store/schema.js';
import { consoleCalls, type ConsoleCall } from './console-calls.js';
import { consoleDirectory, type ConsolePerson } from './console-directory.js';

export interface ConsoleView { calls: ConsoleCall[]; people: ConsolePerson[] }

/** Everything the operator console shows of one organisation, now. */
export async function consoleView(deps: { db: Kysely<Database>; tracker: SessionTracker }, organisationId: number, lines: readonly LiveLine[], now: Date): Promise<ConsoleView> {
  const ours = lines.filter((l) => l.organisationId === organisationId);
  return { calls: consoleCalls(deps.tracker, organisationId), people: await consoleDirectory(deps.db, organisationId, ours, now) };
}
