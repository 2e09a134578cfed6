import { useEffect, useRef } from 'react';
import type { Schemas } from './api';

export type Activity = Schemas['LiveActivity'];
type Listener = (activity: Activity) => void;

/**
 * One `/api/live` stream per page, shared by every part of it that wants to know: a
 * browser keeps only a few connections per host open, and each EventSource holds one.
 * Opened with the first listener, closed with the last.
 */
const listeners = new Set<Listener>();
let source: EventSource | null = null;

function listen(listener: Listener): () => void {
  listeners.add(listener);
  if (!source) {
    source = new EventSource('/api/live');
    source.addEventListener('activity', (e) => {
      const activity = JSON.parse((e as MessageEvent<string>).data) as Activity;
      for (const l of listeners) l(activity);
    });
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) { source?.close(); source = null; }
  };
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
    return listen((activity) => {
      if (wanted.has(activity.kind) && activity.userIds.includes(userId)) latest.current(activity);
    });
  }, [key, userId]);
}
