import { normalizeName } from './keypad.js';
import { DIGIT_WORDS } from '../speech/spoken-forms.js';
import type { GrammarSpec } from '../speech/recogniser.js';

export interface DirectoryName {
  userId: number;
  /** The real name or an alias, as spoken. */
  spokenName: string;
}

export type SpeechVerdict =
  | { kind: 'operator' }
  | { kind: 'extension'; extension: string }
  | { kind: 'users'; userIds: number[] }
  | { kind: 'spelled'; letters: string; userIds: number[] }
  | { kind: 'nothing' };

/** The fewest letters a spelled prefix has (as on the keypad, PRODUCT.md 4). */
export const MIN_SPELLED_LETTERS = 3;

const nameWords = (n: DirectoryName) => normalizeName(n.spokenName).split(' ');

/**
 * Maps what the recogniser heard to directory users. A full name or alias picks the
 * users with that name (homonyms give several); a single word picks everyone with that
 * first or last name; spoken digits are an extension; single letters are a spelled first
 * or last name, or its first letters. Users the caller already rejected are never
 * offered again.
 */
export function matchUtterance(heard: string, names: DirectoryName[], rejected: ReadonlySet<number>): SpeechVerdict {
  const text = normalizeName(heard);
  if (!text) return { kind: 'nothing' };
  if (text === 'operator') return { kind: 'operator' };
  const words = text.split(' ');
  if (words[0] === 'extension') words.shift();
  if (words.length && words.every((w) => w in DIGIT_WORDS)) return { kind: 'extension', extension: words.map((w) => DIGIT_WORDS[w]).join('') };
  const open = names.filter((n) => !rejected.has(n.userId));
  if (words.length >= MIN_SPELLED_LETTERS && words.every((w) => /^[a-z]$/.test(w))) {
    const letters = words.join('');
    const hits = open.filter((n) => { const parts = nameWords(n); return parts[0]!.startsWith(letters) || parts.at(-1)!.startsWith(letters); });
    return { kind: 'spelled', letters, userIds: [...new Set(hits.map((h) => h.userId))] };
  }
  let hits = open.filter((n) => normalizeName(n.spokenName) === text);
  if (hits.length === 0 && words.length === 1) {
    hits = open.filter((n) => { const parts = nameWords(n); return parts[0] === text || parts.at(-1) === text; });
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

/** The words the grammar must know: every directory name and alias, and each one's last name alone. */
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

/**
 * What a caller may spell: every first and last name in the directory, whole, and each
 * of its prefixes from MIN_SPELLED_LETTERS letters (a caller may stop early, as on the
 * keypad). A free "any letters" grammar was measured useless (0 of 24 names right).
 */
export function spellingWords(names: DirectoryName[], rejected: ReadonlySet<number>): string[] {
  const words = new Set<string>();
  for (const n of names) {
    if (rejected.has(n.userId)) continue;
    const parts = nameWords(n).map((w) => w.replace(/[^a-z]/g, '')).filter(Boolean);
    for (const word of new Set([parts[0], parts.at(-1)])) {
      if (!word) continue;
      for (let length = Math.min(MIN_SPELLED_LETTERS, word.length); length <= word.length; length += 1) words.add(word.slice(0, length));
    }
  }
  return [...words];
}

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth'];
const NUMBERS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight'];

/** What a caller may say to pick from a list of `count`: "two", "number two", "the second one", "second". */
export function listPickPhrases(count: number): string[] {
  return Array.from({ length: count }, (_, i) => [NUMBERS[i]!, `number ${NUMBERS[i]}`, `the ${ORDINALS[i]} one`, ORDINALS[i]!, `the ${ORDINALS[i]}`]).flat();
}

/** The list entry a caller picked by voice: a number, an ordinal, or the name again (when it names one entry only). */
export function listPick(heard: string, entries: Array<{ name: string }>): number | undefined {
  const text = normalizeName(heard);
  const words = text.split(' ');
  const byNumber = NUMBERS.findIndex((n) => text === n || text === `number ${n}`);
  if (byNumber >= 0) return byNumber < entries.length ? byNumber : undefined;
  const byOrdinal = ORDINALS.findIndex((o) => words.includes(o));
  if (byOrdinal >= 0) return byOrdinal < entries.length ? byOrdinal : undefined;
  const named = entries.flatMap((e, i) => (normalizeName(e.name) === text ? [i] : []));
  return named.length === 1 ? named[0] : undefined;
}

/** The menu's grammar: names, the directory's extensions said as digits, names spelled, "operator". */
export function menuGrammar(names: Array<DirectoryName & { extension: string }>, rejected: ReadonlySet<number>): GrammarSpec {
  const open = names.filter((n) => !rejected.has(n.userId));
  return { phrases: grammarPhrases(open, rejected), extensions: [...new Set(open.map((n) => n.extension))], spellings: spellingWords(open, rejected), operator: true };
}
