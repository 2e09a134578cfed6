import type { Ari } from './ari.js';

/**
 * Calls `fn` once when the channel hangs up or leaves our app. Measured: a phone's call
 * that entered the app from the dialplan (`Stasis(switchboard,internal)`) leaves it with
 * StasisEnd when the phone hangs up, and its ChannelDestroyed then comes after the
 * dialplan's own Hangup(), no longer to us. So both count as gone. Returns the unsubscribe.
 */
export function onChannelGone(ari: Ari, channelId: string, fn: (how: 'destroyed' | 'left-app') => void): () => void {
  const off = ari.onChannel(channelId, (event) => {
    if (event.type !== 'ChannelDestroyed' && event.type !== 'StasisEnd') return;
    off();
    fn(event.type === 'ChannelDestroyed' ? 'destroyed' : 'left-app');
  });
  return off;
}
