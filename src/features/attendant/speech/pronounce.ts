import { readFile } from 'node:fs/promises';
import { runChild } from '../../../process/run-child.js';

/** espeak-ng's letter-to-sound for a few words takes milliseconds; anything near this is a hung child. */
const ESPEAK_DEADLINE_MS = 10_000;

export const SPHINX_MODEL_DIR = '/usr/share/pocketsphinx/model/en-us';
const CMUDICT = `${SPHINX_MODEL_DIR}/cmudict-en-us.dict`;

let dictionary: Promise<Map<string, string[]>> | undefined;

/** CMUdict (shipped with pocketsphinx-en-us), loaded once: word → its pronunciations (`word(2)`… are variants). */
function cmudict(): Promise<Map<string, string[]>> {
  dictionary ??= readFile(CMUDICT, 'utf8').then((text) => {
    const map = new Map<string, string[]>();
    for (const line of text.split('\n')) {
      const space = line.indexOf(' ');
      if (space <= 0) continue;
      const word = line.slice(0, space).replace(/\(\d+\)$/, '');
      const pronunciation = line.slice(space + 1).replace(/#.*$/, '').trim();
      const known = map.get(word);
      if (known) known.push(pronunciation); else map.set(word, [pronunciation]);
    }
    return map;
  });
  return dictionary;
}

// espeak-ng's ASCII phonemes (`-x`) → CMU ARPAbet, longest symbol first. Only what
// English names produce; anything else is dropped rather than guessed.
const ESPEAK_TO_ARPABET: Array<[string, string]> = ([
  ['aI@', 'AY ER'], ['aU@', 'AW ER'], ['i@3', 'IY ER'], ['@L', 'AH L'], ['a#', 'AH'], ['I#', 'IH'], ['I2', 'IH'], ['t#', 'T'],
  ['A:', 'AA'], ['A@', 'AA R'], ['aI', 'AY'], ['aU', 'AW'], ['e@', 'EH R'], ['eI', 'EY'], ['i:', 'IY'], ['i@', 'IY R'],
  ['O:', 'AO'], ['O@', 'AO R'], ['OI', 'OY'], ['o@', 'AO R'], ['oU', 'OW'], ['u:', 'UW'], ['U@', 'UH R'], ['3:', 'ER'],
  ['tS', 'CH'], ['dZ', 'JH'], ['aa', 'AA'],
  ['a', 'AE'], ['E', 'EH'], ['i', 'IY'], ['I', 'IH'], ['0', 'AA'], ['U', 'UH'], ['V', 'AH'], ['3', 'ER'], ['@', 'AH'], ['o', 'OW'], ['e', 'EH'], ['u', 'UW'],
  ['p', 'P'], ['b', 'B'], ['t', 'T'], ['d', 'D'], ['k', 'K'], ['g', 'G'], ['f', 'F'], ['v', 'V'], ['T', 'TH'], ['D', 'DH'],
  ['s', 'S'], ['z', 'Z'], ['S', 'SH'], ['Z', 'ZH'], ['h', 'HH'], ['m', 'M'], ['n', 'N'], ['N', 'NG'], ['l', 'L'], ['r', 'R'],
  ['j', 'Y'], ['w', 'W'], ['x', 'K'], ['L', 'L'],
] as Array<[string, string]>).sort((a, b) => b[0].length - a[0].length);

/** ARPAbet for espeak-ng's phoneme string of one word. */
export function espeakToArpabet(phonemes: string): string {
  const out: string[] = [];
  let i = 0;
  while (i < phonemes.length) {
    const hit = ESPEAK_TO_ARPABET.find(([symbol]) => phonemes.startsWith(symbol, i));
    if (hit) { out.push(hit[1]); i += hit[0].length; } else i += 1;
  }
  // `e@r` ("mary") is an r-coloured vowel then r: one R, as CMUdict writes it.
  return out.join(' ').replace(/\bR R\b/g, 'R');
}

/**
 * Pronunciations for every word: CMUdict's (all its variants: "Jones" said the American
 * or the British way) when it knows the word, as it does most names; else espeak-ng's
 * letter-to-sound rules mapped to ARPAbet, so any name in the directory can be in the
 * grammar.
 */
export async function pronunciations(words: Iterable<string>): Promise<Map<string, string[]>> {
  const dict = await cmudict();
  const result = new Map<string, string[]>();
  const unknown: string[] = [];
  for (const word of new Set(words)) {
    const known = dict.get(word);
    if (known) result.set(word, known); else unknown.push(word);
  }
  if (unknown.length) {
    const { stdout } = await runChild('espeak-ng', ['-q', '-x', '-v', 'en-us', '--', unknown.join('\n\n')], { timeoutMs: ESPEAK_DEADLINE_MS });
    const lines = stdout.split('\n').map((l) => l.trim()).filter(Boolean);
    unknown.forEach((word, i) => {
      const arpabet = lines[i] ? espeakToArpabet(lines[i]!) : '';
      if (arpabet) result.set(word, [arpabet]);
    });
  }
  return result;
}
