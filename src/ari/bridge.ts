import { randomUUID } from 'node:crypto';
import type { Ari } from './ari.js';
import { ignoreGone } from './ari.js';
import type { AriEvent } from './ari-types.js';
import { stopSafetyMusic } from './safety-music.js';

const CALL_BRIDGE_ID = /^[a-z][a-z-]*-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Whether a bridge id is one CallBridge.create makes (`<kind>-<uuid>`): how an empty bridge is known to be ours. */
export function isCallBridgeId(id: string): boolean { return CALL_BRIDGE_ID.test(id); }

/** A mixing bridge we created; `destroy` is idempotent. */
export class CallBridge {
  private readonly members = new Set<string>();
  private readonly unsubscribe: () => void;
  destroyed = false;

  private constructor(private readonly ari: Ari, readonly id: string) {
    this.unsubscribe = ari.onBridge(id, (event: AriEvent) => {
      if (event.type === 'ChannelEnteredBridge') this.members.add(event.channel.id);
      if (event.type === 'ChannelLeftBridge') this.members.delete(event.channel.id);
      if (event.type === 'BridgeDestroyed') { this.destroyed = true; this.unsubscribe(); }
    });
  }

  static async create(ari: Ari, idPrefix = 'bridge'): Promise<CallBridge> {
    const id = `${idPrefix}-${randomUUID()}`;
    const bridge = new CallBridge(ari, id);
    try {
      await ari.rest.createBridge(id, 'mixing,dtmf_events', idPrefix);
    } catch (error) {
      // A request that timed out may still have made the bridge: it must not be left behind.
      void bridge.destroy().catch(() => undefined);
      throw error;
    }
    return bridge;
  }

  /** A bridge a previous controller made, found in Asterisk with these members (a take-over). */
  static adopt(ari: Ari, id: string, memberIds: string[]): CallBridge {
    const bridge = new CallBridge(ari, id);
    for (const member of memberIds) bridge.members.add(member);
    return bridge;
  }

  get channelIds(): string[] { return [...this.members]; }

  async add(...channelIds: string[]): Promise<void> {
    // A caller coming from a prompt may have music in reserve: it must not play over a voice.
    await stopSafetyMusic(this.ari, channelIds);
    await this.ari.rest.addToBridge(this.id, channelIds);
    for (const id of channelIds) this.members.add(id);
  }

  async remove(...channelIds: string[]): Promise<void> {
    await ignoreGone(this.ari.rest.removeFromBridge(this.id, channelIds));
    for (const id of channelIds) this.members.delete(id);
  }

  async startMusicOnHold(): Promise<void> { await ignoreGone(this.ari.rest.startBridgeMoh(this.id)); }
  async stopMusicOnHold(): Promise<void> { await ignoreGone(this.ari.rest.stopBridgeMoh(this.id)); }

  /** Plays to everyone in the bridge (a warning tone every party must hear). */
  async playToAll(media: string[]): Promise<void> {
    const playbackId = `pb-${randomUUID()}`;
    const finished = new Promise<void>((resolve) => {
      const off = this.ari.onPlayback(playbackId, (event) => {
        if (event.type === 'PlaybackFinished') { off(); resolve(); }
      });
      this.ari.clock.setTimeout(() => { off(); resolve(); }, 15_000);
    });
    await this.ari.rest.playOnBridge(this.id, media, playbackId);
    await finished;
  }

  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    this.unsubscribe();
    await this.ari.destroyBridge(this.id);
  }
}
