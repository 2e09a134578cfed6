/** What the portal's live view receives on `GET /api/live`, as far as tests read it. */
export interface LiveLineSeen { device: string; state: string; callId: string | null; userId: number }
export interface LiveSnapshotSeen { lines: LiveLineSeen[] }
export interface LiveActivitySeen { kind: string; organisationId: number; userIds: number[]; data: Record<string, unknown> }

/**
 * The live view's server-sent events as a signed-in user's browser gets them (by default
 * Olivia, an administrator of the demo organisation): `snapshot` and `activity` events,
 * read as they arrive; `next` waits for the first one that `accept`s after the one the
 * previous `next` returned (from the start of the stream the first time).
 */
export class LiveStream {
  private readonly seen: Array<{ event: 'snapshot' | 'activity'; data: unknown }> = [];
  private readonly waiters = new Set<() => void>();
  private ended: Error | undefined;
  /** Where the next `next` starts looking: past what the last one returned. */
  private cursor = 0;

  private constructor(private readonly abort: AbortController) {}

  static async open(baseUrl: string, login = '1001', password = 'switchboard'): Promise<LiveStream> {
    const signIn = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password }) });
    const { token } = (await signIn.json()) as { token: string };
    const abort = new AbortController();
    const response = await fetch(`${baseUrl}/api/live`, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
    if (response.status !== 200 || !response.body) throw new Error(`/api/live answered ${response.status}`);
    const stream = new LiveStream(abort);
    void stream.read(response.body);
    return stream;
  }

  close(): void { this.abort.abort(); }

  next(event: 'snapshot', accept: (s: LiveSnapshotSeen) => boolean, timeoutMs?: number): Promise<LiveSnapshotSeen>;
  next(event: 'activity', accept: (a: LiveActivitySeen) => boolean, timeoutMs?: number): Promise<LiveActivitySeen>;
  next(event: 'snapshot' | 'activity', accept: (x: never) => boolean, timeoutMs = 10_000): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const at = this.seen.findIndex((s, i) => i >= this.cursor && s.event === event && accept(s.data as never));
        if (at >= 0) { done(); this.cursor = at + 1; resolve(this.seen[at]!.data); return; }
        if (this.ended) { done(); reject(this.ended); }
      };
      const timer = setTimeout(() => {
        done();
        const last = this.seen.filter((s) => s.event === event).at(-1);
        reject(new Error(`no ${event} as expected within ${timeoutMs} ms; the last: ${JSON.stringify(last?.data ?? null)}`));
      }, timeoutMs);
      const done = () => { clearTimeout(timer); this.waiters.delete(check); };
      this.waiters.add(check);
      check();
    });
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let text = '';
    try {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        text += decoder.decode(chunk, { stream: true });
        const events = text.split('\n\n');
        text = events.pop() ?? '';
        for (const raw of events) {
          const match = /^event: (snapshot|activity)\ndata: (.*)$/m.exec(raw);
          if (match) this.seen.push({ event: match[1] as 'snapshot' | 'activity', data: JSON.parse(match[2]!) });
        }
        for (const waiter of [...this.waiters]) waiter();
      }
      this.ended = new Error('the live stream ended');
    } catch (error) {
      this.ended = error as Error;
    }
    for (const waiter of [...this.waiters]) waiter();
  }
}
