/** Thrown out of a call primitive when the call it serves has ended (the caller hung up). */
export class CallEndedError extends Error {
  constructor(reason = 'call ended') {
    super(reason);
    this.name = 'CallEndedError';
  }
}

/** Rejects with CallEndedError as soon as `signal` aborts; a primitive races its work with it. */
export function whenAborted(signal: AbortSignal | undefined): Promise<never> {
  return new Promise((_, reject) => {
    if (!signal) return;
    if (signal.aborted) reject(new CallEndedError());
    else signal.addEventListener('abort', () => reject(new CallEndedError()), { once: true });
  });
}

export function throwIfEnded(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CallEndedError();
}
