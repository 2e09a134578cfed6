/**
 * What Switchboard may dial (issue 12): a stored dial string is dialled verbatim later, so a
 * location, operator destination, forward or divert number is accepted only if it is
 *  - a device Asterisk knows: `TECH/resource` from ARI's endpoint list, nothing after it
 *    (`PJSIP/1001/sip:attacker@203.0.113.5:5060` would send an INVITE to any host), and
 *    never `Local/...` (it enters the dialplan: `Local/0900555123@switchboard-pstn` reaches
 *    a premium number through the trunk without the allow-list); or
 *  - an outside number, dialled through the configured outbound trunk, and matching the
 *    allow-list of number patterns when one is configured.
 * Pure: the endpoint list and the allow-list come in, a verdict goes out.
 */

export type DialVerdict =
  | { ok: true; kind: 'device'; device: string }
  | { ok: true; kind: 'number'; number: string }
  | { ok: false; reason: string };

/** An endpoint as ARI lists it (`GET /endpoints`). */
export interface KnownEndpoint { technology: string; resource: string }

const DEVICE_FORM = /^([A-Za-z][A-Za-z0-9]*)\/([A-Za-z0-9_.+-]+)$/;
const NUMBER_FORM = /^\+?\d{3,20}$/;

/** The device as Asterisk spells it (`pjsip/1001` is `PJSIP/1001`), or why it is refused. */
export function judgeDevice(address: string, endpoints: readonly KnownEndpoint[]): DialVerdict {
  if (/^local\//i.test(address)) return { ok: false, reason: 'Local channels enter the dialplan and are not allowed: give a device such as PJSIP/1001' };
  if (/sip:|@/i.test(address)) return { ok: false, reason: 'a device is TECH/name only: SIP URIs and hosts are not allowed' };
  const form = DEVICE_FORM.exec(address);
  if (!form) return { ok: false, reason: 'a device is TECH/name such as PJSIP/1001, with nothing after the name' };
  const [, technology, resource] = form as unknown as [string, string, string];
  const known = endpoints.find((e) => e.technology.toUpperCase() === technology.toUpperCase() && e.resource === resource);
  if (!known) return { ok: false, reason: `Asterisk has no endpoint ${technology.toUpperCase()}/${resource}` };
  return { ok: true, kind: 'device', device: `${known.technology}/${known.resource}` };
}

/** An outside number for the outbound trunk, checked against the allow-list (empty: any number). */
export function judgeOutsideNumber(number: string, allowList: readonly string[]): DialVerdict {
  if (!NUMBER_FORM.test(number)) return { ok: false, reason: 'must be a phone number: 3 to 20 digits, optionally a leading +' };
  if (allowList.length && !allowList.some((pattern) => matchesNumberPattern(number, pattern))) {
    return { ok: false, reason: `${number} is not a number this system may dial out to (allowed: ${allowList.join(', ')})` };
  }
  return { ok: true, kind: 'number', number };
}

/**
 * Asterisk's extension patterns, so a PBX administrator writes the allow-list the way they
 * write their dialplan: `X` any digit, `Z` 1-9, `N` 2-9, `[1-5]` a class, `.` one or more
 * characters, `!` zero or more; anything else (digits, `+`) literally. A leading `_` is optional.
 */
export function matchesNumberPattern(number: string, pattern: string): boolean {
  const regex = numberPatternRegex(pattern);
  return regex !== undefined && regex.test(number);
}

export function numberPatternRegex(pattern: string): RegExp | undefined {
  const body = pattern.startsWith('_') ? pattern.slice(1) : pattern;
  let source = '';
  for (let i = 0; i < body.length; i += 1) {
    const c = body[i]!;
    if (c === 'X' || c === 'x') source += '\\d';
    else if (c === 'Z' || c === 'z') source += '[1-9]';
    else if (c === 'N' || c === 'n') source += '[2-9]';
    else if (c === '.') source += '.+';
    else if (c === '!') source += '.*';
    else if (c === '[') {
      const end = body.indexOf(']', i);
      const inner = end > i ? body.slice(i + 1, end) : '';
      if (!/^[\d-]+$/.test(inner)) return undefined;
      source += `[${inner}]`;
      i = end;
    } else if (/[\d+*#]/.test(c)) source += c === '+' || c === '*' ? `\\${c}` : c;
    else return undefined;
  }
  return source ? new RegExp(`^${source}$`) : undefined;
}
