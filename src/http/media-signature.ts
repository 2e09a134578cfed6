import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Short-lived signed names for the audio Asterisk fetches (issue 12). Asterisk's media
 * cache cannot send a session, so the URL itself is the credential: it names what it
 * serves, when it stops working, and an HMAC of both under a secret only the controller
 * holds. The expiry is rounded up to a bucket so one greeting has one URL for a while and
 * Asterisk's cache (keyed by URL) still helps; a URL works for between TTL and 2×TTL.
 * The signature sits in the path, not the query, because res_http_media_cache takes the
 * file type from the path's extension.
 */
export const MEDIA_URL_TTL_MS = 10 * 60_000;

export class MediaSigner {
  constructor(private readonly secret: Buffer, private readonly ttlMs = MEDIA_URL_TTL_MS) {}

  /** `<expires>/<signature>/<name>` for `kind` (greetings, messages). */
  sign(kind: string, name: string, nowMs: number): string {
    const expires = Math.ceil(nowMs / this.ttlMs) * this.ttlMs + this.ttlMs;
    const seconds = Math.floor(expires / 1000);
    return `${seconds}/${this.mac(kind, name, seconds)}/${name}`;
  }

  /** Whether a signed name is genuine and not expired. */
  verify(kind: string, name: string, expiresSeconds: string, signature: string, nowMs: number): boolean {
    if (!/^\d{1,12}$/.test(expiresSeconds)) return false;
    const seconds = Number(expiresSeconds);
    if (seconds * 1000 <= nowMs) return false;
    const expected = Buffer.from(this.mac(kind, name, seconds));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private mac(kind: string, name: string, seconds: number): string {
    return createHmac('sha256', this.secret).update(`${kind}\n${name}\n${seconds}`).digest('base64url').slice(0, 32);
  }
}

/** Redacts the signature from a media path before it reaches a log line. */
export function redactMediaPath(path: string): string {
  return path.replace(/(\/media\/[a-z]+\/\d+\/)[^/]+/, '$1[signature]');
}
