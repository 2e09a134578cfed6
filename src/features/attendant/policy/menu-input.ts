/** What the caller's keys in the attendant menu ask for. */
export type MenuChoice =
  | { kind: 'operator' }
  | { kind: 'extension'; extension: string }
  | { kind: 'spelling'; digits: string }
  | { kind: 'invalid' };

/**
 * `0` alone is the operator; digits that are an extension of the organisation dial it
 * (keys 0 and 1 carry no letters, so anything starting with them can only be a number);
 * otherwise at least `minSpelling` keys spell a first or last name, as in Asterisk's
 * Directory(). `isExtension` is asked, not assumed, because extension lengths vary.
 */
export function interpretKeys(digits: string, isExtension: (digits: string) => boolean, minSpelling = 3): MenuChoice {
  if (digits === '0') return { kind: 'operator' };
  if (!/^[0-9]+$/.test(digits)) return { kind: 'invalid' };
  if (isExtension(digits)) return { kind: 'extension', extension: digits };
  if (/^[2-9]+$/.test(digits) && digits.length >= minSpelling) return { kind: 'spelling', digits };
  return { kind: 'invalid' };
}

/** How many matches are read out as a numbered list ("for Mary Jones, press 1"). */
export const MAX_LISTED_MATCHES = 8;

export type MatchesVerdict<T> =
  | { kind: 'none' }
  | { kind: 'one'; match: T }
  | { kind: 'list'; matches: T[] }
  | { kind: 'too-many' };

/** One match is confirmed, a few are listed, too many ask for more letters. */
export function judgeMatches<T>(matches: T[]): MatchesVerdict<T> {
  if (matches.length === 0) return { kind: 'none' };
  if (matches.length === 1) return { kind: 'one', match: matches[0]! };
  if (matches.length <= MAX_LISTED_MATCHES) return { kind: 'list', matches };
  return { kind: 'too-many' };
}
