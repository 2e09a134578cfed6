import type { Kysely } from 'kysely';
import type { Ari } from '../../ari/ari.js';
import type { LiveEvents } from '../../calls/live-events.js';
import type { Logger } from '../../log.js';
import type { Database } from '../../store/schema.js';
import type { LineState } from './policy/line-state.js';

/**
 * Publishes the executive feature's state changes: to the portal's live view, and as ARI
 * custom device states that phones' busy-lamp keys watch through the hints in
 * asterisk-conf/extensions.conf (PRODUCT.md section 7):
 *   `Stasis:exec-filter-<organisation id>-<executive ext>`                 lit while filtering is on,
 *   `Stasis:exec-optin-<organisation id>-<assistant ext>-<executive ext>`  lit while the assistant is opted in,
 *   `Stasis:exec-line-<organisation id>-<executive ext>`                   the executive's line: idle, ringing, in use, on hold.
 * Extensions are unique only within an organisation and device states are global to the
 * Asterisk, so the organisation's id is part of the name: two organisations' executives
 * 1002 light two different lamps. Each organisation's phones watch their own through the
 * hints of their dialplan context (the shipped one is organisation 1's).
 */
export const filterDeviceState = (organisationId: number, executiveExtension: string) => `Stasis:exec-filter-${organisationId}-${executiveExtension}`;
export const optInDeviceState = (organisationId: number, assistantExtension: string, executiveExtension: string) =>
  `Stasis:exec-optin-${organisationId}-${assistantExtension}-${executiveExtension}`;

export const lineDeviceState = (organisationId: number, executiveExtension: string) => `Stasis:exec-line-${organisationId}-${executiveExtension}`;

interface Person { id: number; organisationId: number; extension: string }

export class ExecutiveNotifier {
  constructor(private readonly deps: { ari: Ari; db: Kysely<Database>; live: LiveEvents; log: Logger }) {}

  async filteringChanged(executive: Person, enabled: boolean): Promise<void> {
    this.deps.live.publish({ organisationId: executive.organisationId, kind: 'executive.filtering', userIds: [executive.id], data: { executiveId: executive.id, enabled } });
    await this.setLamp(filterDeviceState(executive.organisationId, executive.extension), enabled);
  }

  async optInChanged(assistant: Person, executive: Person, optedIn: boolean): Promise<void> {
    this.deps.live.publish({
      organisationId: executive.organisationId, kind: 'executive.opt-in', userIds: [executive.id, assistant.id],
      data: { executiveId: executive.id, assistantId: assistant.id, optedIn },
    });
    await this.setLamp(optInDeviceState(executive.organisationId, assistant.extension, executive.extension), optedIn);
  }

  /** Who rings for a filtered call, who answered, and when it stopped: the portal's live view. */
  callState(organisationId: number, executiveId: number, callId: string, state: 'assistants-ringing' | 'answered' | 'rollover' | 'ended', data: Record<string, unknown> & { userIds?: number[] }): void {
    const { userIds = [], ...rest } = data;
    this.deps.live.publish({ organisationId, kind: `executive.call.${state}`, userIds: [executiveId, ...userIds], data: { executiveId, callId, ...rest } });
  }

  /**
   * An executive's calls changed (one came, went, was answered, held or handed on): the
   * assistant console reloads on it. Fire and forget from the registry's listener: a
   * failed look-up costs only this one event.
   */
  callsChanged(executiveId: number): void {
    void this.deps.db.selectFrom('users').select('organisation_id').where('id', '=', executiveId).executeTakeFirst()
      .then((row) => {
        if (row) this.deps.live.publish({ organisationId: row.organisation_id, kind: 'executive.calls', userIds: [executiveId], data: { executiveId } });
      })
      .catch((error: unknown) => this.deps.log.warn({ err: (error as Error).message, executiveId }, 'executive calls event not published'));
  }

  /** After every (re)connection: Asterisk forgets nothing it persisted, but a restarted one may have; publish them all again. */
  async republishAll(): Promise<number[]> {
    const filters = await this.deps.db.selectFrom('executive_settings as s').innerJoin('users as u', 'u.id', 's.executive_user_id')
      .select(['u.organisation_id', 'u.extension', 's.filtering_enabled']).execute();
    const optIns = await this.deps.db.selectFrom('executive_assistants as ea')
      .innerJoin('users as e', 'e.id', 'ea.executive_user_id').innerJoin('users as a', 'a.id', 'ea.assistant_user_id')
      .select(['e.organisation_id as organisationId', 'e.extension as executiveExtension', 'a.extension as assistantExtension', 'ea.opted_in']).execute();
    await Promise.all([
      ...filters.map((f) => this.setLamp(filterDeviceState(f.organisation_id, f.extension), f.filtering_enabled === 1)),
      ...optIns.map((o) => this.setLamp(optInDeviceState(o.organisationId, o.assistantExtension, o.executiveExtension), o.opted_in === 1)),
    ]);
    const executives = await this.deps.db.selectFrom('user_services').select('user_id').where('service', '=', 'executive').execute();
    return executives.map((e) => e.user_id);
  }

  /** The executive's line lamp (flows/line-lamps.ts decides the state). */
  async lineChanged(executive: Person, state: LineState): Promise<void> {
    await this.setLamp(lineDeviceState(executive.organisationId, executive.extension), state);
  }

  private async setLamp(name: string, lit: boolean | LineState): Promise<void> {
    try {
      await this.deps.ari.rest.setDeviceState(name, typeof lit === 'string' ? lit : lit ? 'INUSE' : 'NOT_INUSE');
    } catch (error) {
      // A lamp that cannot be set now is set again after the next reconnection.
      this.deps.log.warn({ deviceState: name, err: (error as Error).message }, 'device state not published');
    }
  }
}
