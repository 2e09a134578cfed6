/** Digit words a caller says for an extension's digits ("oh" for zero, as people say it). */
export const DIGIT_WORDS: Record<string, string> = {
  zero: '0', oh: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9',
};

/**
 * Letters said aloud when spelling a name, in ARPAbet, with the usual variants ("zee" and
 * "zed"). A letter is its own dictionary word (`j.`), apart from words such as "a", so
 * what the decoder returns for a spelled name reads "j. o. n. e. s." and normalises to
 * "j o n e s".
 */
export const LETTER_PRONUNCIATIONS: Record<string, string[]> = {
  a: ['EY'], b: ['B IY'], c: ['S IY'], d: ['D IY'], e: ['IY'], f: ['EH F'], g: ['JH IY'], h: ['EY CH'], i: ['AY'],
  j: ['JH EY'], k: ['K EY'], l: ['EH L'], m: ['EH M'], n: ['EH N'], o: ['OW'], p: ['P IY'], q: ['K Y UW'], r: ['AA R'],
  s: ['EH S'], t: ['T IY'], u: ['Y UW'], v: ['V IY'], w: ['D AH B AH L Y UW', 'D AH B Y UW'], x: ['EH K S'], y: ['W AY'], z: ['Z IY', 'Z EH D'],
};

export const letterToken = (letter: string): string => `${letter}.`;
