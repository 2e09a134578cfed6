import type { Kysely } from 'kysely';
import type { Ari } from '../ari/ari.js';
import { ignoreGone } from '../ari/ari.js';
import { CallEndedError } from '../ari/call-ended.js';
import { onChannelGone } from '../ari/channel-gone.js';
import type { AriEventOf } from '../ari/ari-types.js';
import type { Logger } from '../log.js';
import type { Database } from '../store/schema.js';
import { callPathUsers } from '../users/settings/user-cache.js';
import { sendToDialplanFallback } from './dialplan-fallback.js';
import { deviceOfChannelName, type CallRoute, type IncomingCall } from './incoming-call.js';
import type { Metrics } from '../observability/metrics.js';


/**
 * Gives each new call entering the Stasis app from the dialplan to the first feature
 * route that claims it. Legs Switchboard creates itself carry other appArgs and are
 * left to the primitives that created them. A route that fails sends the call to the
 * dialplan fallback, so a caller never sits in silence.
 */
export class Dispatcher {
  private routes: CallRoute[] = [];
  private readonly stop: () => void;

  constructor(private readonly ari: Ari, private readonly db: Kysely<Database>, private readonly log: Logger, private readonly metrics: Metrics) {
    this.stop = ari.on('StasisStart', (event) => { void this.onStasisStart(event); });
  }

  addRoutes(routes: CallRoute[]): void {
    this.routes = [...this.routes, ...routes].sort((a, b) => a.priority - b.priority);
  }

  close(): void { this.stop(); }

  private async onStasisStart(event: AriEventOf<'StasisStart'>): Promise<void> {
    const direction = event.args[0];
    if (direction !== 'internal' && direction !== 'inbound') {
      this.log.debug({ channel: event.channel.id, args: event.args }, 'StasisStart of a leg we created');
      return;
    }
    const channel = event.channel;
    const started = process.hrtime.bigint();
    const device = deviceOfChannelName(channel.name);
    const log = this.log.child({ callId: channel.id });
    let call: IncomingCall | undefined;
    try {
      // The caller hears ringing from the first moment, while the route looks things up
      // (seconds on a loaded machine, measured in the chaos test): a caller from the trunk
      // gets no 180 from anyone else before the answer. Not awaited: the route is found and
      // its first legs originated meanwhile, and AriRest holds the flow's own requests on
      // this channel (its answer, a prompt) until the ring is answered, so it cannot reach
      // Asterisk after them and ring in band under the greeting.
      if (channel.state !== 'Up') void ignoreGone(this.ari.rest.ring(channel.id)).catch(() => undefined);
      const user = direction === 'internal' ? await callPathUsers.byDevice(this.db, device) : undefined;
      call = {
        channel,
        direction,
        device,
        dialled: channel.dialplan.exten,
        presented: { name: channel.caller.name, number: channel.caller.number },
        user,
      };
      log.info({ device, dialled: call.dialled, direction, user: call.user?.extension }, 'new call');
      for (const route of this.routes) {
        const handler = await route.match(call);
        if (!handler) continue;
        this.metrics.callsStarted.inc({ route: route.name });
        this.metrics.routingLatency.observe(Number(process.hrtime.bigint() - started) / 1e9);
        await handler();
        return;
      }
      log.info({ dialled: call.dialled }, 'no route takes this call');
      await this.refuse(channel.id);
    } catch (error) {
      if (error instanceof CallEndedError) return;
      this.metrics.errors.inc({ where: 'call-route' });
      log.error({ err: error }, 'call handling failed; sending the call to the dialplan fallback');
      await sendToDialplanFallback(this.ari, channel.id, direction, call?.dialled ?? channel.dialplan.exten, log);
    }
  }

  /** Nobody takes the number: say so, then hang up. */
  private async refuse(channelId: string): Promise<void> {
    try {
      await this.ari.rest.answer(channelId);
      await new Promise<void>((resolve) => {
        const playbackId = `refuse-${channelId}`;
        const off = this.ari.onPlayback(playbackId, (e) => { if (e.type === 'PlaybackFinished') { off(); resolve(); } });
        const offChannel = onChannelGone(this.ari, channelId, () => { off(); resolve(); });
        this.ari.rest.play(channelId, ['sound:ss-noservice'], playbackId).catch(() => { off(); offChannel(); resolve(); });
      });
    } finally {
      await this.ari.hangup(channelId).catch(() => undefined);
    }
  }

}
