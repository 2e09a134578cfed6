import type { Kysely } from 'kysely';
import type { SessionDeps } from '../../../calls/call-session.js';
import type { ExecutiveHandoff, VoicemailHandoff } from '../../../calls/handoffs.js';
import type { LiveEvents } from '../../../calls/live-events.js';
import type { Database } from '../../../store/schema.js';
import type { NamePrompts } from '../speech/name-prompts.js';
import type { Recogniser } from '../speech/recogniser.js';

/** What the attendant's call flows are built from. */
export interface AttendantDeps extends SessionDeps {
  db: Kysely<Database>;
  live: LiveEvents;
  outboundDialString: string;
  voicemail: () => VoicemailHandoff | undefined;
  executive: () => ExecutiveHandoff | undefined;
  recogniser: Recogniser;
  names: NamePrompts;
  /** The `sound:` URL of an uploaded company greeting (company-greeting-files.ts). */
  companyGreetingMedia: (fileName: string) => string;
}
