/** `*97` (own mailbox from own phone) and `*98` (any mailbox), with what followed them. */
export interface MailboxAccessRequest {
  code: '*97' | '*98';
  /** For `*98`: the mailbox number dialled after the code, if any. */
  mailbox?: string;
}

/**
 * Parses a dial string such as `*97`, `*98`, `*981005`, `*98 1005` (a space is what
 * phones send as nothing), `*98#1005` or `*98*1005#`: digits may follow the code, with
 * `#` or `*` separating parts. Undefined when it is not a mailbox access code.
 */
export function parseMailboxAccess(dialled: string): MailboxAccessRequest | undefined {
  const match = /^(\*9[78])(.*)$/.exec(dialled.replace(/\s+/g, ''));
  if (!match) return undefined;
  const code = match[1] as '*97' | '*98';
  const parts = match[2]!.split(/[#*]/).filter((p) => p.length > 0);
  if (parts.some((p) => !/^\d+$/.test(p))) return undefined;
  if (code === '*97') return parts.length === 0 ? { code } : undefined;
  if (parts.length > 1) return undefined;
  return parts[0] ? { code, mailbox: parts[0] } : { code };
}

/** A new PIN: the users' rule, shared with the API. */
export { isAcceptablePin } from '../../../users/policy/pin-rules.js';
