import { useEffect, useRef, useState } from 'react';
import type { Schemas } from './api';

export type Activity = Schemas['LiveActivity'];

/**
 * The server's pushed stream, `/api/live` (server-sent events): a `snapshot` each time the
 * state changes and an `activity` per feature event; the server decides what each viewer
 * sees. One stream per page, shared by every part of it that wants to know: a browser keeps
 * only a few connections per host open, and each EventSource holds one. Opened with the
 * first listener, closed with the last.
 */
interface Listener {
  snapshot?: (data: unknown) => void;
  activity?: (data: unknown) => void;
  connected?: (up: boolean) => void;
}
const listeners = new Set<Listener>();
let source: EventSource | null = null;
let up = false;

function setUp(value: boolean): void {
  up = value;
  for (const l of listeners) l.connected?.(value);
}

function listen(listener: Listener): () => void {
  listeners.add(listener);
  if (!source) {
    source = new EventSource('/api/live');
    source.onopen = () => setUp(true);
    source.onerror = () => setUp(false);
    const parse = (e: Event) => JSON.parse((e as MessageEvent<string>).data) as unknown;
    source.addEventListener('snapshot', (e) => {
      setUp(true);
      const data = parse(e);
      for (const l of listeners) l.snapshot?.(data);
    });
    source.addEventListener('activity', (e) => {
      const data = parse(e);
      for (const l of listeners) l.activity?.(data);
    });
  } else {
    listener.connected?.(up);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) { source?.close(); source = null; up = false; }
  };
}

/** Every snapshot and activity of the stream (the live view, the consoles); true while connected. */
export function useLiveStream(handlers: { snapshot?: (data: unknown) => void; activity?: (data: unknown) => void }): boolean {
  const [connected, setConnected] = useState(false);
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => listen({
    snapshot: (data) => latest.current.snapshot?.(data),
    activity: (data) => latest.current.activity?.(data),
    connected: setConnected,
  }), []);
  return connected;
}

/**
 * Calls `onChange` when a change of one of `kinds` concerning `userId` is pushed: a setting
 * changed by phone (a feature code, the voicemail menu) or by another administrator, so an
 * open page shows it without a reload (PRODUCT.md 6, the CXone portal that refreshes itself).
 */
export function useLiveChanges(kinds: readonly string[], userId: number | undefined, onChange: (activity: Activity) => void): void {
  const latest = useRef(onChange);
  latest.current = onChange;
  const key = kinds.join(',');
  useEffect(() => {
    if (userId === undefined) return undefined;
    const wanted = new Set(key.split(','));
    return listen({
      activity: (data) => {
        const activity = data as Activity;
        if (wanted.has(activity.kind) && activity.userIds.includes(userId)) latest.current(activity);
      },
    });
  }, [key, userId]);
}

/** A clock for showing how long something has lasted (a display, not a poll of the server). */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** "1:07": minutes and seconds since `since`. */
export function waited(since: string, now: number): string {
  const seconds = Math.max(0, Math.floor((now - Date.parse(since)) / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
