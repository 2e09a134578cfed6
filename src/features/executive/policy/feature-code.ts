/**
 * Feature access codes as dialled (PRODUCT.md section 2, BroadWorks numbering), parsed
 * into the code and the parts that followed it in the same dial string. Pure: no ARI,
 * no store. Every code of the product goes through here, so a dial string means the
 * same thing whichever feature takes it.
 *
 * Rules:
 * - Digits may follow a code directly (`#641002`, `*145551234`); further parts are
 *   separated by `#` or `*` (`#641002#5551234`). A trailing `#` (the phone's "send") is
 *   no part.
 * - Inside the parts, `*` also starts a sub-code: `*11` and `*15` stand alone (`#641002*11`
 *   is "retrieve Erin's call", the assistant's way to *11 after #64), and `*14<number>` is
 *   an E.164 number (`+<number>`). So `#641002*145551234` calls +5551234 for Erin. A part
 *   that should start with `14` must then be separated by `#`, never `*`.
 * - `*14` itself: whatever follows is the number; the result's first part is `+<number>`.
 */

export const FEATURE_CODES = ['#61', '#62', '#63', '#64', '#65', '#66', '*11', '*15', '*14', '*97', '*98'] as const;
export type FeatureCode = (typeof FEATURE_CODES)[number];

/** Codes that may appear as a part after `#64 <executive>` (the assistant acting as the executive). */
export const SUB_CODES = ['*11', '*15'] as const;
export type SubCode = (typeof SUB_CODES)[number];

export interface ParsedFeatureCode {
  code: FeatureCode;
  /** Parts after the code, separators removed; `*11`/`*15` kept as sub-codes, `*14…` turned into `+…`. */
  parts: string[];
}

const E164_PREFIX = '*14';

/** The code and its parts, or undefined when `dialled` is no feature code (or holds a character a phone cannot send). */
export function parseFeatureCode(dialled: string): ParsedFeatureCode | undefined {
  const code = FEATURE_CODES.find((c) => dialled.startsWith(c));
  if (!code) return undefined;
  const rest = dialled.slice(code.length);
  if (!/^[0-9*#+]*$/.test(rest)) return undefined;
  if (code === E164_PREFIX) {
    const number = rest.replace(/#+$/, '').replace(/^\+/, '');
    if (!/^\d*$/.test(number)) return undefined;
    return { code, parts: number ? [`+${number}`] : [] };
  }
  return { code, parts: splitParts(rest) };
}

function splitParts(rest: string): string[] {
  const parts: string[] = [];
  // Each token is a separator (or nothing, at the start) and the digits after it.
  for (const match of rest.matchAll(/([#*]?)([^#*]*)/g)) {
    const [whole, separator = '', digits = ''] = match;
    if (whole === '') continue;
    if (separator === '*' && (digits === '11' || digits === '15')) parts.push(`*${digits}`);
    else if (separator === '*' && digits.startsWith('14') && digits.length > 2) parts.push(`+${digits.slice(2)}`);
    else if (digits !== '') parts.push(digits);
  }
  return parts;
}

export const isSubCode = (part: string | undefined): part is SubCode => part === '*11' || part === '*15';

/** An extension or a phone number a person can type: digits, optionally `+` first. */
export const isDialableNumber = (part: string | undefined): part is string => part !== undefined && /^\+?\d{2,20}$/.test(part);
