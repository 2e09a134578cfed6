import { useEffect, useRef, useState } from 'react';

/**
 * The server's pushed stream, `/api/live` (server-sent events): a `snapshot` each time the
 * state changes and an `activity` per feature event. Every live page (the live view, the
 * consoles) subscribes through this one hook; the server decides what each viewer sees.
 */
export function useLiveStream(handlers: { snapshot?: (data: unknown) => void; activity?: (data: unknown) => void }): boolean {
  const [connected, setConnected] = useState(false);
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const source = new EventSource('/api/live');
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    const parse = (e: Event) => JSON.parse((e as MessageEvent<string>).data) as unknown;
    source.addEventListener('snapshot', (e) => { setConnected(true); latest.current.snapshot?.(parse(e)); });
    source.addEventListener('activity', (e) => latest.current.activity?.(parse(e)));
    return () => source.close();
  }, []);
  return connected;
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
