import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import type { UserProfile } from '../../users/settings/user-repository.js';
import type { ExecutiveNotifier } from './executive-notifier.js';
import { setFilteringEnabled, setOptIn } from './settings/executive-repository.js';

/**
 * The changes that both the API and the feature codes make, written once: store the
 * change, then tell the portal and the phones' lamps.
 */
export class ExecutiveService {
  constructor(private readonly db: Kysely<Database>, readonly notifier: ExecutiveNotifier) {}

  async setFiltering(executive: UserProfile, enabled: boolean): Promise<void> {
    await setFilteringEnabled(this.db, executive.id, enabled);
    await this.notifier.filteringChanged(executive, enabled);
  }

  /** False when the assistant is not in the executive's pool. */
  async setOptIn(assistant: UserProfile, executive: UserProfile, optedIn: boolean): Promise<boolean> {
    const changed = await setOptIn(this.db, assistant.id, executive.id, optedIn);
    if (changed) await this.notifier.optInChanged(assistant, executive, optedIn);
    return changed;
  }
}
