import { normalizeName } from './keypad.js';

export interface DirectoryName {
  userId: number;
  /** The real name or an alias, as spoken. */
  spokenName: string;
}

export type SpeechVerdict =
  | { kind: 'operator' }
  | { kind: 'extension'; extension: string }
  | { kind: 'users'; userIds: number[] }
  | { kind: 'nothing' };

const DIGIT_WORDS: Record<string, string> = {
  zero: '0', oh: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9',
};

/**
 * Maps what the recogniser heard to directory users. A full name or alias picks the
 * users with that name (homonyms give several); a single word picks everyone with that
 * first or last name; spoken digits are an extension. Users the caller already rejected
 * are never offered again.
 */
export function matchUtterance(heard: string, names: DirectoryName[], rejected: ReadonlySet<number>): SpeechVerdict {
  const text = normalizeName(heard);
  if (!text) return { kind: 'nothing' };
  if (text === 'operator') return { kind: 'operator' };
  const words = text.split(' ');
  if (words[0] === 'extension') words.shift();
  if (words.length && words.every((w) => w in DIGIT_WORDS)) return { kind: 'extension', extension: words.map((w) => DIGIT_WORDS[w]).join('') };
  const open = names.filter((n) => !rejected.has(n.userId));
  let hits = open.filter((n) => normalizeName(n.spokenName) === text);
  if (hits.length === 0 && words.length === 1) {
    hits = open.filter((n) => {
      const parts = normalizeName(n.spokenName).split(' ');
      return parts[0] === text || parts.at(-1) === text;
    });
  }
  const userIds = [...new Set(hits.map((h) => h.userId))];
  return userIds.length ? { kind: 'users', userIds } : { kind: 'nothing' };
}

/** Yes / no to a confirmation, by voice or key (1 yes, 2 no). */
export function confirmationAnswer(heard: string | undefined, key: string | undefined): 'yes' | 'no' | undefined {
  if (key === '1') return 'yes';
  if (key === '2') return 'no';
  const text = normalizeName(heard ?? '');
  if (['yes', 'yeah', 'yes please', 'correct', 'one'].includes(text)) return 'yes';
  if (['no', 'nope', 'no thanks', 'two'].includes(text)) return 'no';
  return undefined;
}

/** The words the grammar must know: every directory name and alias, digits, yes/no, operator. */
export function grammarPhrases(names: DirectoryName[], rejected: ReadonlySet<number>): string[] {
  const phrases = new Set<string>();
  for (const n of names) {
    if (rejected.has(n.userId)) continue;
    const text = normalizeName(n.spokenName);
    if (!text) continue;
    phrases.add(text);
    const parts = text.split(' ');
    if (parts.length > 1) { phrases.add(parts.at(-1)!); }
  }
  return [...phrases];
}
