/** The parts of ARI's data model Switchboard reads. Field names are ARI's own. */
export interface AriCallerId { name: string; number: string }

export type ChannelState =
  | 'Down' | 'Rsrved' | 'OffHook' | 'Dialing' | 'Ring' | 'Ringing' | 'Up' | 'Busy'
  | 'Dialing Offhook' | 'Pre-ring' | 'Unknown';

export interface AriChannel {
  id: string;
  name: string;
  state: ChannelState;
  caller: AriCallerId;
  connected: AriCallerId;
  dialplan: { context: string; exten: string; priority: number; app_name?: string; app_data?: string };
  creationtime: string;
  language?: string;
  channelvars?: Record<string, string>;
}

export interface AriBridge {
  id: string;
  technology: string;
  bridge_type: string;
  bridge_class: string;
  name: string;
  channels: string[];
  /** Asterisk 16+. */
  creationtime?: string;
}

export interface AriPlayback { id: string; media_uri: string; target_uri: string; state: string }
export interface AriLiveRecording { name: string; format: string; state: string; duration?: number; cause?: string }

interface EventBase { application: string; timestamp?: string; asterisk_id?: string }

export type AriEvent = EventBase & (
  | { type: 'StasisStart'; channel: AriChannel; args: string[]; replace_channel?: AriChannel }
  | { type: 'StasisEnd'; channel: AriChannel }
  | { type: 'ChannelStateChange'; channel: AriChannel }
  | { type: 'ChannelDestroyed'; channel: AriChannel; cause: number; cause_txt: string }
  | { type: 'ChannelHangupRequest'; channel: AriChannel; cause?: number; soft?: boolean }
  | { type: 'ChannelDtmfReceived'; channel: AriChannel; digit: string; duration_ms: number }
  | { type: 'Dial'; peer: AriChannel; caller?: AriChannel; dialstatus: string; dialstring?: string; forwarded?: AriChannel }
  | { type: 'ChannelEnteredBridge'; bridge: AriBridge; channel: AriChannel }
  | { type: 'ChannelLeftBridge'; bridge: AriBridge; channel: AriChannel }
  | { type: 'BridgeDestroyed'; bridge: AriBridge }
  | { type: 'PlaybackStarted'; playback: AriPlayback }
  | { type: 'PlaybackFinished'; playback: AriPlayback }
  // The next item of a playback of several media (Asterisk 20+).
  | { type: 'PlaybackContinuing'; playback: AriPlayback }
  | { type: 'RecordingStarted'; recording: AriLiveRecording }
  | { type: 'RecordingFinished'; recording: AriLiveRecording }
  | { type: 'RecordingFailed'; recording: AriLiveRecording }
  | { type: 'ChannelVarset'; channel?: AriChannel; variable: string; value: string }
  | { type: 'DeviceStateChanged'; device_state: { name: string; state: string } }
  | { type: 'ChannelCallerId'; channel: AriChannel }
  | { type: 'ChannelConnectedLine'; channel: AriChannel }
  | { type: 'ChannelHold'; channel: AriChannel; musicclass?: string }
  | { type: 'ChannelUnhold'; channel: AriChannel }
  | { type: 'ChannelTalkingStarted' | 'ChannelTalkingFinished'; channel: AriChannel }
  | { type: 'ApplicationReplaced' | 'ApplicationMoveFailed' }
  | { type: 'Other'; [key: string]: unknown }
);

export type AriEventType = AriEvent['type'];
export type AriEventOf<T extends AriEventType> = Extract<AriEvent, { type: T }>;

/** The channel an event concerns, if it concerns one. */
export function channelOfEvent(event: AriEvent): AriChannel | undefined {
  if ('channel' in event && event.channel && typeof event.channel === 'object') return event.channel as AriChannel;
  if (event.type === 'Dial') return event.peer;
  return undefined;
}
