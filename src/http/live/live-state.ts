import { EventEmitter } from 'node:events';
import type { Kysely } from 'kysely';
import type { Ari } from '../../ari/ari.js';
import type { AriChannel } from '../../ari/ari-types.js';
import type { LiveEvents } from '../../calls/live-events.js';
import type { SessionTracker } from '../../calls/session-tracker.js';
import type { Logger } from '../../log.js';
import type { Database } from '../../store/schema.js';

/** What a user's device is doing, as the live view shows it. */
export type LineState = 'ringing' | 'calling' | 'talking' | 'on-hold';

export interface LiveLine {
  channelId: string;
  userId: number;
  organisationId: number;
  device: string;
  state: LineState;
  /** The other party as the phone shows it (connected line), when Asterisk knows it. */
  peer: { name: string; number: string };
  since: string;
  /** The call this line is part of, as every log line of the call names it; null for a channel no session holds. */
  callId: string | null;
}

export interface LiveUser {
  id: number;
  organisationId: number;
  name: string;
  extension: string;
  services: string[];
  /** Executive call filtering on/off; null when the user is no executive. */
  filtering: boolean | null;
  /** Out of office now (the attendant's setting); null when unknown. */
  outOfOffice: boolean | null;
  /** An agent's or floating agent's login (`*50`/`*51`, the portal toggle); null for the other user types. */
  agentLoggedIn: boolean | null;
}

export interface LiveSnapshot { lines: LiveLine[]; users: LiveUser[] }

/**
 * What features know of their users for the live view, by user id: executive filtering
 * (the executive feature), out of office now (the attendant's rule). Each feature plugs
 * in its own provider (`Feature.liveUserFacts`); a feature that is not there leaves the
 * field null ("unknown").
 */
export interface LiveUserFacts {
  filtering?: Map<number, boolean>;
  outOfOffice?: Map<number, boolean>;
}
export type LiveUserFactsProvider = (now: Date) => Promise<LiveUserFacts>;

const DEVICE_CHANNEL = /^([A-Za-z0-9]+\/[^-\s]+)-[0-9a-fA-F]+$/;
/** ARI events after which who-is-on-a-call may have changed. */
const CALL_EVENTS = ['StasisStart', 'StasisEnd', 'ChannelStateChange', 'ChannelDestroyed', 'ChannelConnectedLine', 'ChannelHold', 'ChannelUnhold', 'Dial'] as const;
/** Settings (filtering, out of office) change through other features' APIs and schedules: re-read them this often while someone watches. */
const SETTINGS_REFRESH_MS = 2000;

/**
 * The live state the portal shows, rebuilt from Asterisk's own channel list (so every
 * feature's calls are seen, whoever owns them) and the store's settings. Work is done
 * only while at least one viewer is subscribed.
 */
export class LiveState extends EventEmitter<{ snapshot: [LiveSnapshot]; settled: [LiveSnapshot]; event: [import('../../calls/live-events.js').LiveEvent] }> {
  private viewers = 0;
  private pending: NodeJS.Timeout | undefined;
  private refresher: NodeJS.Timeout | undefined;
  private current: LiveSnapshot = { lines: [], users: [] };
  private readonly holds = new Set<string>();
  private building = false;
  private again = false;

  constructor(private readonly deps: {
    db: Kysely<Database>; ari: Ari; log: Logger; live?: LiveEvents; tracker?: SessionTracker; facts?: LiveUserFactsProvider[];
    /** A standby's portal: Asterisk's channels are read over REST (the leader holds the events websocket). */
    standby?: () => boolean;
  }) {
    super();
    this.setMaxListeners(0);
    for (const type of CALL_EVENTS) {
      deps.ari.on(type, (event) => {
        if (event.type === 'ChannelHold') this.holds.add(event.channel.id);
        if (event.type === 'ChannelUnhold' || event.type === 'ChannelDestroyed') this.holds.delete(event.channel.id);
        this.changed();
      });
    }
    deps.tracker?.onChange(() => this.changed());
    deps.live?.on('event', (event) => { this.emit('event', event); this.changed(); });
  }

  get snapshot(): LiveSnapshot { return this.current; }

  /**
   * A viewer arrives: the state is rebuilt and watched; call the result to leave. A
   * `snapshot` listener hears the snapshot when it differs; a `settled` one after every
   * rebuild (each burst of call events, feature event or settings refresh), for views
   * that read more than the snapshot (the operator console's calls and directory).
   */
  async subscribe(onSnapshot: (s: LiveSnapshot) => void, on: 'snapshot' | 'settled' = 'snapshot'): Promise<() => void> {
    this.viewers += 1;
    this.on(on, onSnapshot);
    if (!this.refresher) {
      this.refresher = setInterval(() => this.changed(), SETTINGS_REFRESH_MS);
      this.refresher.unref();
    }
    await this.rebuild();
    return () => {
      this.off(on, onSnapshot);
      this.viewers -= 1;
      if (this.viewers === 0 && this.refresher) { clearInterval(this.refresher); this.refresher = undefined; }
    };
  }

  /** Several ARI events arrive per call step: rebuild once shortly after the burst. */
  private changed(): void {
    if (this.viewers === 0 || this.pending) return;
    this.pending = setTimeout(() => { this.pending = undefined; void this.rebuild(); }, 50);
    this.pending.unref();
  }

  private async rebuild(): Promise<void> {
    if (this.building) { this.again = true; return; }
    this.building = true;
    try {
      const next = await this.build();
      if (JSON.stringify(next) !== JSON.stringify(this.current)) {
        this.current = next;
        this.emit('snapshot', next);
      }
      this.emit('settled', this.current);
    } catch (error) {
      this.deps.log.warn({ err: (error as Error).message }, 'live view: could not rebuild the state');
    } finally {
      this.building = false;
      if (this.again) { this.again = false; this.changed(); }
    }
  }

  private async build(): Promise<LiveSnapshot> {
    const { db, ari } = this.deps;
    // A standby has no events websocket (the leader holds the Stasis app) but may read
    // Asterisk's channel list, so a portal served by either controller shows the calls;
    // it rebuilds on the settings refresh and on the leader's relayed live events.
    const channels: AriChannel[] = ari.connection.connected || this.deps.standby?.()
      ? await ari.rest.listChannels().catch((error: unknown) => { if (ari.connection.connected) throw error; return []; })
      : [];
    const byDevice = new Map<string, AriChannel[]>();
    for (const channel of channels) {
      const device = DEVICE_CHANNEL.exec(channel.name)?.[1];
      if (device) byDevice.set(device, [...(byDevice.get(device) ?? []), channel]);
    }
    const owners = byDevice.size === 0 ? [] : await db.selectFrom('locations')
      .innerJoin('users', 'users.id', 'locations.user_id')
      .select(['locations.address', 'users.id as userId', 'users.organisation_id as organisationId'])
      .where('locations.kind', 'in', ['primary', 'shared'])
      .where('locations.address', 'in', [...byDevice.keys()])
      .execute();
    const lines: LiveLine[] = [];
    for (const owner of owners) {
      for (const channel of byDevice.get(owner.address) ?? []) {
        lines.push({
          channelId: channel.id, userId: owner.userId, organisationId: owner.organisationId, device: owner.address,
          state: this.lineState(channel),
          peer: { name: channel.connected?.name ?? '', number: channel.connected?.number ?? '' },
          since: channel.creationtime ?? '',
          callId: this.deps.tracker?.callIdOf(channel.id) ?? null,
        });
      }
    }
    lines.sort((a, b) => a.since.localeCompare(b.since) || a.channelId.localeCompare(b.channelId));
    return { lines, users: await this.users() };
  }

  private lineState(channel: AriChannel): LineState {
    if (this.holds.has(channel.id)) return 'on-hold';
    if (channel.state === 'Ringing') return 'ringing';
    if (channel.state === 'Up') return 'talking';
    // 'Ring' is the caller's own channel waiting for the far end; 'Down' is a leg being set up.
    return channel.state === 'Ring' ? 'calling' : 'ringing';
  }

  private async users(): Promise<LiveUser[]> {
    const { db } = this.deps;
    const rows = await db.selectFrom('users').select(['id', 'organisation_id', 'name', 'extension', 'user_type', 'logged_in']).orderBy('extension').execute();
    const services = await db.selectFrom('user_services').select(['user_id', 'service']).execute();
    const now = new Date();
    const facts = await Promise.all((this.deps.facts ?? []).map((provide) => provide(now).catch((error: unknown) => {
      this.deps.log.warn({ err: (error as Error).message }, 'live view: a feature could not say its users\' state');
      return {} as LiveUserFacts;
    })));
    const filtering = facts.find((f) => f.filtering)?.filtering;
    const outOfOffice = facts.find((f) => f.outOfOffice)?.outOfOffice;
    return rows.map((r) => {
      const mine = services.filter((s) => s.user_id === r.id).map((s) => s.service as string).sort();
      return {
        id: r.id, organisationId: r.organisation_id, name: r.name, extension: r.extension, services: mine,
        filtering: mine.includes('executive') && filtering ? filtering.get(r.id) === true : null,
        outOfOffice: outOfOffice ? outOfOffice.get(r.id) === true : null,
        agentLoggedIn: r.user_type === 'agent' || r.user_type === 'floating_agent' ? r.logged_in === 1 : null,
      };
    });
  }
}
