/** Letters on a telephone keypad (ITU E.161), as Asterisk's Directory() uses them. */
const KEY_OF_LETTER: Record<string, string> = {};
for (const [key, letters] of Object.entries({ 2: 'abc', 3: 'def', 4: 'ghi', 5: 'jkl', 6: 'mno', 7: 'pqrs', 8: 'tuv', 9: 'wxyz' })) {
  for (const letter of letters) KEY_OF_LETTER[letter] = key;
}

/** Lower case, accents dropped, anything but letters, digits and single spaces removed. */
export function normalizeName(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9 ]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/** The keys a caller presses to spell `word` (letters only; other characters are skipped). */
export function keypadDigits(word: string): string {
  let digits = '';
  for (const ch of normalizeName(word)) {
    const key = KEY_OF_LETTER[ch];
    if (key) digits += key;
  }
  return digits;
}

export interface NameKeys {
  normalized: string;
  lastNormalized: string;
  firstKeys: string;
  lastKeys: string;
}

/** First and last word of a name, and their keypad digits: "Mary Anne Jones" → 6279 / 56637. */
export function nameKeys(name: string): NameKeys {
  const normalized = normalizeName(name);
  const words = normalized.split(' ').filter(Boolean);
  const first = words[0] ?? '';
  const last = words.at(-1) ?? '';
  return { normalized, lastNormalized: last, firstKeys: keypadDigits(first), lastKeys: keypadDigits(last) };
}

/** The smallest string greater than every string that starts with `prefix`, for index range scans. */
export function prefixUpperBound(prefix: string): string {
  return prefix + '\u{10FFFF}';
}
