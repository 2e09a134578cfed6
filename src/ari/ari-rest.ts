import type { AriBridge, AriChannel, AriLiveRecording, AriPlayback } from './ari-types.js';
import { HttpTransport, type HttpAnswer } from './http-transport.js';
import { KnownGone } from './known-gone.js';
import { RequestSlots, type Priority } from './request-slots.js';

/** A failed ARI request; `status` is ARI's HTTP status (0 when Asterisk was unreachable). */
export class AriRequestError extends Error {
  constructor(readonly status: number, readonly method: string, readonly path: string, detail: string) {
    super(`ARI ${method} ${path} failed: ${status === 0 ? 'unreachable' : status} ${detail}`);
    this.name = 'AriRequestError';
  }
  /** The object was already gone: for teardown, that is success. */
  get isGone(): boolean { return this.status === 404; }
}

type Query = Record<string, string | number | boolean | undefined>;

/** ARI's credentials as a header (never `api_key` in a query string, which logs record). */
export function basicAuthorization(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/**
 * Requests in flight at once. A request that finds no idle connection opens one, and
 * Asterisk's HTTP server refuses connections past its `sessionlimit` (http.conf, default
 * 100: "HTTP session count exceeded"). Measured with `npm run bench`: a burst of 40 calls/s opened more than 100 and calls failed with
 * "unreachable". Queuing past this bound keeps the connection count under the limit.
 */
export const MAX_REQUESTS_IN_FLIGHT = 32;

/** A stop answered 500 is tried this many times in all, this far apart. */
const STOP_PLAYBACK_ATTEMPTS = 3;
const STOP_PLAYBACK_RETRY_MS = 50;

export interface AriRestTuning {
  /**
   * Longest an ordinary request waits for a free slot before it fails unsent (status 0).
   * Separate from the request's own deadline, which starts when it is sent: a burst
   * that queues must not time requests out before Asterisk ever saw them (issue 11:
   * 563 of 1,500 hang-ups were never sent when the deadline included the queue).
   */
  maxQueueWaitMs?: number;
  /**
   * Slots only teardown may take, on top of the ordinary ones (default: as many again).
   * A mass hang-up is two requests per call (the callee's leg, the bridge); through the
   * ordinary 32 alone, 1,000 calls hung up at once with ARI answering in 100 ms took 14 s
   * to clear (bench/mass-hangup.ts). 64 connections stay under Asterisk's `sessionlimit`
   * of 100 with room for the websocket and the command line's own.
   */
  teardownExtraSlots?: number;
  /** Teardown retry: first wait after a failure, doubling up to the maximum. */
  teardownRetryFirstMs?: number;
  teardownRetryMaxMs?: number;
}

/**
 * ARI's REST interface, typed for the requests Switchboard makes. Every request has a
 * deadline so a stalled Asterisk never stalls a call flow forever.
 *
 * Teardown is never dropped: hang-ups and bridge destructions jump the queue and are
 * retried with backoff while Asterisk answers 5xx or cannot be reached, until they are
 * done, the object is gone (404, or destroyed per `knownGone`), or close() is called.
 * A channel left up because one DELETE was lost is a caller left in silence.
 */
export class AriRest {
  private readonly auth: string;
  private readonly slots: RequestSlots;
  private readonly transport: HttpTransport;
  private readonly retryFirstMs: number;
  private readonly retryMaxMs: number;
  private closed = false;
  private readonly wakeOnClose = new Set<() => void>();
  /** Filled by Ari from the websocket's destroy events. */
  readonly knownGone = new KnownGone();
  /** Play requests not answered yet, by playback id (settled either way, never rejecting). */
  private readonly playsInFlight = new Map<string, Promise<void>>();
  /** Ring indications sent and not yet answered, by channel: see `afterRing`. */
  private readonly ringsInFlight = new Map<string, Promise<void>>();

  constructor(private readonly baseUrl: string, user: string, password: string, private readonly timeoutMs = 5000, maxInFlight = MAX_REQUESTS_IN_FLIGHT, tuning: AriRestTuning = {}) {
    this.auth = basicAuthorization(user, password);
    const teardownSlots = maxInFlight + (tuning.teardownExtraSlots ?? maxInFlight);
    this.slots = new RequestSlots(maxInFlight, teardownSlots, tuning.maxQueueWaitMs ?? 30_000);
    // One connection per slot at most: the slots bound the connections Asterisk sees.
    this.transport = new HttpTransport(baseUrl, teardownSlots);
    this.retryFirstMs = tuning.teardownRetryFirstMs ?? 100;
    this.retryMaxMs = tuning.teardownRetryMaxMs ?? 2000;
  }

  /** Requests waiting for a slot now (for tests and metrics). */
  get queueLength(): number { return this.slots.queueLength; }

  /**
   * Stops teardown retries (each one still makes the attempt in progress): for stop(),
   * which must not wait forever on an Asterisk that is gone.
   */
  close(): void {
    this.closed = true;
    for (const wake of [...this.wakeOnClose]) wake();
  }
  /** Retries teardown again (the connection started again after close()). */
  reopen(): void { this.closed = false; }

  async request<T>(method: string, path: string, query: Query = {}, body?: unknown, priority: Priority = 'normal'): Promise<T> {
    await this.slots.take(priority, () => new AriRequestError(0, method, path, `not sent: waited ${this.slots.maxQueueWaitMs} ms for a free request slot`));
    try {
      // The deadline starts now that the request is sent, not while it waited for a slot.
      return await this.send<T>(method, path, query, body);
    } finally {
      this.slots.release();
    }
  }

  /**
   * A teardown request, retried until done. Resolves when Asterisk did it or the object
   * was already gone (404 and `isGone()` both count as done); rejects only for an answer
   * that retrying cannot change (another 4xx) or once close() was called.
   */
  async teardown(method: string, path: string, query: Query, isGone: () => boolean): Promise<void> {
    let delay = this.retryFirstMs;
    for (;;) {
      if (isGone()) return;
      try {
        await this.request<void>(method, path, query, undefined, 'teardown');
        return;
      } catch (error) {
        if (!(error instanceof AriRequestError)) throw error;
        if (error.isGone) return;
        const retryable = error.status === 0 || error.status >= 500;
        if (!retryable || this.closed) throw error;
      }
      await this.pause(delay);
      delay = Math.min(delay * 2, this.retryMaxMs);
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => { clearTimeout(timer); this.wakeOnClose.delete(done); resolve(); };
      const timer = setTimeout(done, ms);
      this.wakeOnClose.add(done);
    });
  }

  private async send<T>(method: string, path: string, query: Query, body: unknown): Promise<T> {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined) qs.set(k, String(v));
    const headers: Record<string, string> = { authorization: this.auth };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let answer: HttpAnswer;
    try {
      answer = await this.transport.send(method, `/ari${path}${qs.size ? `?${qs}` : ''}`, headers, body !== undefined ? JSON.stringify(body) : undefined, this.timeoutMs);
    } catch (error) {
      throw new AriRequestError(0, method, path, (error as Error).message);
    }
    const { status, text } = answer;
    if (status < 200 || status >= 300) {
      let detail = text;
      try { detail = (JSON.parse(text) as { message?: string }).message ?? text; } catch { /* plain text body */ }
      throw new AriRequestError(status, method, path, detail);
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Bytes of a stored file (a finished recording). */
  async requestBytes(path: string): Promise<Buffer> {
    const response = await fetch(`${this.baseUrl}/ari${path}`, { headers: { authorization: this.auth }, signal: AbortSignal.timeout(30_000) })
      .catch((error: Error) => { throw new AriRequestError(0, 'GET', path, error.message); });
    if (!response.ok) throw new AriRequestError(response.status, 'GET', path, await response.text());
    return Buffer.from(await response.arrayBuffer());
  }

  ping() { return this.request<{ ping: string; timestamp: string; asterisk_id: string }>('GET', '/asterisk/ping'); }
  info() { return this.request<{ system?: { version?: string } }>('GET', '/asterisk/info'); }

  listChannels() { return this.request<AriChannel[]>('GET', '/channels'); }
  getChannel(id: string) { return this.request<AriChannel>('GET', `/channels/${enc(id)}`); }
  createChannel(p: { endpoint: string; app: string; appArgs: string; channelId: string; originator?: string; variables?: Record<string, string> }) {
    const { variables, ...query } = p;
    return this.request<AriChannel>('POST', '/channels/create', query, variables ? { variables } : undefined);
  }
  originate(p: { endpoint: string; app: string; appArgs: string; channelId: string; callerId?: string; timeout?: number; originator?: string; variables?: Record<string, string> }) {
    const { variables, ...query } = p;
    return this.request<AriChannel>('POST', '/channels', query, variables ? { variables } : undefined);
  }
  /**
   * A channel whose first half, once answered, runs `context,extension,1` instead of joining
   * our app: Asterisk subscribes the app to neither half, so the dialplan the endpoint runs
   * (a Local channel's second half, `otherChannelId`) sends us no events until it enters
   * Stasis itself. `timeout` (s) bounds how long the first half waits to be answered.
   */
  originateToDialplan(p: { endpoint: string; context: string; extension: string; channelId: string; otherChannelId: string; timeout: number; variables?: Record<string, string> }) {
    const { variables, ...query } = p;
    return this.request<AriChannel>('POST', '/channels', { ...query, priority: 1 }, variables ? { variables } : undefined);
  }
  answer(channelId: string) { return this.afterRing([channelId], () => this.request<void>('POST', `/channels/${enc(channelId)}/answer`)); }
  ring(channelId: string) {
    const request = this.request<void>('POST', `/channels/${enc(channelId)}/ring`);
    const settled = request.then(() => undefined, () => undefined);
    this.ringsInFlight.set(channelId, settled);
    void settled.then(() => { if (this.ringsInFlight.get(channelId) === settled) this.ringsInFlight.delete(channelId); });
    return request;
  }
  ringStop(channelId: string) { return this.afterRing([channelId], () => this.request<void>('DELETE', `/channels/${enc(channelId)}/ring`)); }
  /**
   * Sends `send` once the ring indications still in flight for these channels are
   * answered. A new call is rung while its route is found, without waiting (a round trip
   * less in call setup); requests for one channel on different connections may reach
   * Asterisk in either order, and a ring queued after the answer plays the ring tone in
   * band under the greeting. So what follows the ring on that channel (its answer, a
   * prompt, music, a bridge, the dialplan) waits for it; nothing else does.
   */
  private afterRing<T>(channelIds: string[], send: () => Promise<T>): Promise<T> {
    const pending = channelIds.map((id) => this.ringsInFlight.get(id)).filter((p): p is Promise<void> => p !== undefined);
    return pending.length === 0 ? send() : Promise.all(pending).then(send);
  }
  /** Hangs up, retrying until done; a channel already gone counts as hung up. */
  hangup(channelId: string, reason?: string) {
    return this.teardown('DELETE', `/channels/${enc(channelId)}`, { reason }, () => this.knownGone.isChannelGone(channelId));
  }
  hangupCause(channelId: string, reasonCode: number) {
    return this.teardown('DELETE', `/channels/${enc(channelId)}`, { reason_code: reasonCode }, () => this.knownGone.isChannelGone(channelId));
  }
  continueInDialplan(channelId: string, p: { context?: string; extension?: string; priority?: number } = {}) {
    return this.afterRing([channelId], () => this.request<void>('POST', `/channels/${enc(channelId)}/continue`, p));
  }
  setVariable(channelId: string, variable: string, value: string) {
    return this.request<void>('POST', `/channels/${enc(channelId)}/variable`, { variable, value });
  }
  getVariable(channelId: string, variable: string) {
    return this.request<{ value: string }>('GET', `/channels/${enc(channelId)}/variable`, { variable });
  }
  play(channelId: string, media: string[], playbackId: string) {
    return this.trackPlay(playbackId, this.afterRing([channelId], () => this.request<AriPlayback>('POST', `/channels/${enc(channelId)}/play/${enc(playbackId)}`, { media: media.join(',') })));
  }
  playOnBridge(bridgeId: string, media: string[], playbackId: string) {
    return this.trackPlay(playbackId, this.request<AriPlayback>('POST', `/bridges/${enc(bridgeId)}/play/${enc(playbackId)}`, { media: media.join(',') }));
  }
  /**
   * Stops a playback, after its own play request has been answered: a stop that overtakes
   * its play finds nothing (404) and the playback then starts anyway. For a `tone:` that
   * is for ever, and a playing channel runs no other command (answer, addChannel,
   * continue, the next prompt: each waits in the channel's queue until the tone is
   * stopped, and times out here; measured, an answer behind a tone took until its stop).
   * A 500 (a playback starting: Asterisk marks it playing a moment before it can be
   * stopped) is tried again.
   */
  async stopPlayback(playbackId: string): Promise<void> {
    await this.playsInFlight.get(playbackId);
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.request<void>('DELETE', `/playbacks/${enc(playbackId)}`);
        return;
      } catch (error) {
        if (!(error instanceof AriRequestError) || error.status !== 500 || attempt >= STOP_PLAYBACK_ATTEMPTS) throw error;
      }
      await this.pause(STOP_PLAYBACK_RETRY_MS);
    }
  }
  private trackPlay<T>(playbackId: string, request: Promise<T>): Promise<T> {
    const settled = request.then(() => undefined, () => undefined);
    this.playsInFlight.set(playbackId, settled);
    void settled.then(() => { if (this.playsInFlight.get(playbackId) === settled) this.playsInFlight.delete(playbackId); });
    return request;
  }
  getPlayback(playbackId: string) { return this.request<AriPlayback>('GET', `/playbacks/${enc(playbackId)}`); }
  startMoh(channelId: string, mohClass?: string) { return this.afterRing([channelId], () => this.request<void>('POST', `/channels/${enc(channelId)}/moh`, { mohClass })); }
  stopMoh(channelId: string) { return this.request<void>('DELETE', `/channels/${enc(channelId)}/moh`); }
  hold(channelId: string) { return this.request<void>('POST', `/channels/${enc(channelId)}/hold`); }
  mute(channelId: string, direction: 'both' | 'in' | 'out') { return this.request<void>('POST', `/channels/${enc(channelId)}/mute`, { direction }); }
  unmute(channelId: string, direction: 'both' | 'in' | 'out') { return this.request<void>('DELETE', `/channels/${enc(channelId)}/mute`, { direction }); }
  sendDtmf(channelId: string, dtmf: string) { return this.request<void>('POST', `/channels/${enc(channelId)}/dtmf`, { dtmf }); }
  record(channelId: string, p: { name: string; format: string; maxDurationSeconds?: number; maxSilenceSeconds?: number; ifExists?: 'fail' | 'overwrite' | 'append'; beep?: boolean; terminateOn?: string }) {
    return this.afterRing([channelId], () => this.request<AriLiveRecording>('POST', `/channels/${enc(channelId)}/record`, p));
  }
  getLiveRecording(name: string) { return this.request<AriLiveRecording>('GET', `/recordings/live/${enc(name)}`); }
  getStoredRecording(name: string) { return this.request<{ name: string; format: string }>('GET', `/recordings/stored/${enc(name)}`); }
  stopRecording(name: string) { return this.request<void>('POST', `/recordings/live/${enc(name)}/stop`); }
  storedRecordingFile(name: string) { return this.requestBytes(`/recordings/stored/${enc(name)}/file`); }
  listStoredRecordings() { return this.request<Array<{ name: string; format: string }>>('GET', '/recordings/stored'); }
  deleteStoredRecording(name: string) { return this.request<void>('DELETE', `/recordings/stored/${enc(name)}`); }

  listBridges() { return this.request<AriBridge[]>('GET', '/bridges'); }
  getBridge(id: string) { return this.request<AriBridge>('GET', `/bridges/${enc(id)}`); }
  createBridge(bridgeId: string, type = 'mixing', name?: string) {
    return this.request<AriBridge>('POST', `/bridges/${enc(bridgeId)}`, { type, name });
  }
  addToBridge(bridgeId: string, channelIds: string[], role?: string) {
    return this.afterRing(channelIds, () => this.request<void>('POST', `/bridges/${enc(bridgeId)}/addChannel`, { channel: channelIds.join(','), role }));
  }
  removeFromBridge(bridgeId: string, channelIds: string[]) {
    return this.request<void>('POST', `/bridges/${enc(bridgeId)}/removeChannel`, { channel: channelIds.join(',') });
  }
  /** Destroys, retrying until done; a bridge already gone counts as destroyed. */
  destroyBridge(bridgeId: string) {
    return this.teardown('DELETE', `/bridges/${enc(bridgeId)}`, {}, () => this.knownGone.isBridgeGone(bridgeId));
  }
  startBridgeMoh(bridgeId: string, mohClass?: string) { return this.request<void>('POST', `/bridges/${enc(bridgeId)}/moh`, { mohClass }); }
  stopBridgeMoh(bridgeId: string) { return this.request<void>('DELETE', `/bridges/${enc(bridgeId)}/moh`); }

  deviceState(device: string) { return this.request<{ name: string; state: string }>('GET', `/deviceStates/${enc(device)}`); }
  setDeviceState(device: string, deviceState: string) {
    return this.request<void>('PUT', `/deviceStates/${enc(device)}`, { deviceState });
  }
  /** Every endpoint Asterisk knows (PJSIP, IAX2...): the devices a stored dial string may name. */
  listEndpoints() {
    return this.request<Array<{ technology: string; resource: string; state?: string }>>('GET', '/endpoints');
  }
  endpoint(tech: string, resource: string) {
    return this.request<{ technology: string; resource: string; state: string; channel_ids: string[] }>('GET', `/endpoints/${enc(tech)}/${enc(resource)}`);
  }
  /** An application as Asterisk sees it: the channels and bridges subscribed to it. */
  application(app: string) {
    return this.request<{ name: string; channel_ids: string[]; bridge_ids: string[] }>('GET', `/applications/${enc(app)}`);
  }
  subscribe(app: string, eventSource: string) {
    return this.request<void>('POST', `/applications/${enc(app)}/subscription`, { eventSource });
  }
}

const enc = encodeURIComponent;
