import { ignoreGone } from '../ari/ari.js';
import { isCallBridgeId } from '../ari/bridge.js';
import { isOriginatedLegId } from '../ari/leg.js';
import type { AriBridge, AriChannel } from '../ari/ari-types.js';
import type { Logger } from '../log.js';
import { FALLBACK_CONTEXT } from './dialplan-fallback.js';
import type { SessionTracker } from './session-tracker.js';
import { AdoptedCall } from './adopted-call.js';
import type { SessionDeps } from './call-session.js';

/**
 * Makes Switchboard's view match Asterisk's after (re)connecting. Asterisk keeps a
 * channel in a Stasis app in silence when the app's websocket goes away, so:
 * - sessions whose channels vanished (Asterisk restarted) end;
 * - channels in our app that no session owns (the controller restarted) are taken care
 *   of: answered calls still bridged stay up and are adopted, so one side hanging up
 *   still ends the other; a caller still waiting goes to the dialplan fallback (their
 *   callee's own phone); a leg still ringing is hung up.
 */
/**
 * A feature that kept a record of its answered calls carries one on (a new session owning
 * the bridge and its channels) and returns true; false leaves it to the plain adoption.
 */
export type BridgeAdopter = (bridge: AriBridge) => Promise<boolean>;

/**
 * A feature that kept a record of a call waiting on an unbridged channel (a pushed call
 * ringing the executive) claims it: it returns how to carry the call on, run once the
 * previous controller's legs are gone (their phones would otherwise answer the new legs
 * busy); undefined leaves the channel to the rules below.
 */
export type ChannelAdopter = (channel: AriChannel) => Promise<(() => Promise<void>) | undefined>;

export async function reconcile(deps: SessionDeps & { tracker: SessionTracker; adopters?: BridgeAdopter[]; channelAdopters?: ChannelAdopter[] }, log: Logger): Promise<void> {
  const { ari, tracker } = deps;
  const [channels, bridges, subscribed] = await Promise.all([ari.rest.listChannels(), ari.rest.listBridges(), subscribedChannels(ari)]);
  const live = new Set(channels.map((c) => c.id));
  // What happened while the websocket was down reaches the flows still waiting for it.
  await ari.catchUp(channels);
  for (const session of tracker.all()) session.reconcile(live);

  const ours = channels.filter((c) => isInOurApp(c, ari.app, subscribed) && !tracker.isTracked(c.id));
  const byId = new Map(ours.map((c) => [c.id, c]));
  const handled = new Set<string>();
  const adopted = new Set<string>();

  for (const bridge of bridges) {
    const members = bridge.channels.filter((id) => byId.has(id));
    if (members.length === 0) continue;
    const up = members.filter((id) => byId.get(id)?.state === 'Up');
    if (up.length >= 2 && bridge.channels.every((id) => !tracker.isTracked(id))) {
      for (const id of bridge.channels) handled.add(id);
      adopted.add(bridge.id);
      if (await adoptedByFeature(deps.adopters ?? [], bridge, log)) continue;
      log.info({ bridge: bridge.id, channels: up }, 'adopting an answered call left by a previous controller');
      AdoptedCall.adopt(deps, bridge.id, bridge.channels);
    }
  }
  const resumes: Array<() => Promise<void>> = [];
  for (const channel of ours.filter((c) => !handled.has(c.id))) {
    const resume = await adoptedChannel(deps.channelAdopters ?? [], channel, log);
    if (resume) { handled.add(channel.id); resumes.push(resume); }
  }
  const directionOf = (channel: AriChannel) => channel.dialplan.app_data?.split(',')[1];
  const isCaller = (channel: AriChannel) => ['internal', 'inbound'].includes(directionOf(channel) ?? '');
  const callers = ours.filter((c) => !handled.has(c.id) && isCaller(c));
  const legs = ours.filter((c) => !handled.has(c.id) && !isCaller(c));
  // A caller left by a previous controller may have waited in silence until now: it hears
  // something at once (music when answered, ringing when not) while its legs go.
  await Promise.all(callers.map((c) => ignoreGone(c.state === 'Up' ? ari.rest.startMoh(c.id) : ari.rest.ring(c.id)).catch(() => undefined)));
  // Legs first: the fallback rings the callee's phone again, and a phone still ringing
  // for the orphaned leg would answer that new call busy (device_state_busy_at = 1).
  await Promise.all(legs.map(async (channel) => {
    log.info({ channel: channel.id }, 'hanging up a leg left by a previous controller');
    await ari.hangup(channel.id).catch(() => undefined);
  }));
  await untilGone(ari, legs.map((c) => c.id), 2000);
  for (const resume of resumes) await resume().catch((error: unknown) => log.warn({ err: error }, 'a feature failed to carry on a waiting call'));
  await Promise.all(callers.map(async (channel) => {
    const direction = directionOf(channel) as 'internal' | 'inbound';
    log.warn({ channel: channel.id, exten: channel.dialplan.exten }, 'caller left waiting by a previous controller: sending to the dialplan fallback');
    // Music would go on under the fallback's Dial() and its answer; Asterisk runs the two
    // requests in order, so the dialplan's ringing follows the music at once.
    if (channel.state === 'Up') await ignoreGone(ari.rest.stopMoh(channel.id)).catch(() => undefined);
    await ari.rest.continueInDialplan(channel.id, { context: FALLBACK_CONTEXT[direction], extension: channel.dialplan.exten, priority: 1 })
      .catch(() => ari.hangup(channel.id));
  }));
  // A previous controller's bridges that nobody adopted: empty (killed between creating a
  // bridge and filling it), or emptied just now by the legs and callers above.
  const leftOver = bridges.filter((b) => isCallBridgeId(b.id) && !adopted.has(b.id) && !ari.isWatchingBridge(b.id)
    && b.channels.every((id) => !tracker.isTracked(id)));
  await Promise.all(leftOver.map((b) => ari.destroyBridge(b.id).catch(() => undefined)));
}

async function adoptedByFeature(adopters: BridgeAdopter[], bridge: AriBridge, log: Logger): Promise<boolean> {
  for (const adopt of adopters) {
    try {
      if (await adopt(bridge)) return true;
    } catch (error) {
      log.warn({ err: error, bridge: bridge.id }, 'a feature failed to carry on a call; it is kept up plainly');
    }
  }
  return false;
}

async function adoptedChannel(adopters: ChannelAdopter[], channel: AriChannel, log: Logger): Promise<(() => Promise<void>) | undefined> {
  for (const adopt of adopters) {
    try {
      const resume = await adopt(channel);
      if (resume) return resume;
    } catch (error) {
      log.warn({ err: error, channel: channel.id }, 'a feature failed to claim a waiting call; the fallback takes it');
    }
  }
  return undefined;
}

/** A hung-up channel lingers a moment (SIP CANCEL, device state): wait, bounded, until it is gone. */
async function untilGone(ari: SessionDeps['ari'], channelIds: string[], timeoutMs: number): Promise<void> {
  if (channelIds.length === 0) return;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const live = new Set((await ari.rest.listChannels().catch(() => [])).map((c) => c.id));
    if (channelIds.every((id) => !live.has(id))) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * A channel in our Stasis app, or a leg we originated that is still ringing: it enters
 * Stasis only once answered, and until then only Asterisk's subscription says it is ours.
 */
export function isInOurApp(channel: AriChannel, app: string, subscribed?: ReadonlySet<string>): boolean {
  if (channel.dialplan.app_name !== 'Stasis') {
    // The far half of a Local leg (`<id>;2`, in the trunk's dialplan) is subscribed too,
    // and is not ours to hang up: only the leg's own id is.
    return subscribed !== undefined && subscribed.has(channel.id) && isOriginatedLegId(channel.id);
  }
  const data = channel.dialplan.app_data ?? '';
  // A channel made with /channels/create has no dialplan application data, whichever app
  // made it: it is ours only if Asterisk has it subscribed to our app (another ARI app's
  // channels, e.g. switchboard doctor's probes, are never hung up as our orphans).
  if (data === '') return subscribed ? subscribed.has(channel.id) : true;
  return data.split(',')[0] === app;
}

/** The channels Asterisk has subscribed to our app; undefined when it cannot say (then as before). */
export async function subscribedChannels(ari: SessionDeps['ari']): Promise<ReadonlySet<string> | undefined> {
  const application = await ari.rest.application(ari.app).catch(() => undefined);
  return application?.channel_ids ? new Set(application.channel_ids) : undefined;
}
