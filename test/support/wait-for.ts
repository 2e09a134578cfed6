/**
 * Waits until `predicate` holds, checking what already happened first. On timeout the
 * error says what was waited for and, if given, what was seen instead.
 */
export async function waitFor(
  what: string,
  predicate: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  seen?: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await predicate()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${seen ? `; ${seen()}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
