import { expect } from 'chai';
import { keypadDigits, nameKeys, normalizeName } from '../../../src/features/attendant/policy/keypad.js';
import { interpretKeys, judgeMatches, MAX_LISTED_MATCHES } from '../../../src/features/attendant/policy/menu-input.js';

describe('attendant keypad spelling', () => {
  it('spells letters as on a phone keypad (ITU E.161)', () => {
    expect(keypadDigits('Jones')).to.equal('56637');
    expect(keypadDigits('Carol')).to.equal('22765');
    expect(keypadDigits('Quinn-Wyatt')).to.equal('7846699288');
  });
  it('drops accents and punctuation: "Zoë O’Brien" is zoe obrien', () => {
    expect(normalizeName('  Zoë   O’Brien ')).to.equal('zoe o brien');
    expect(keypadDigits('Zoë')).to.equal('963');
  });
  it('keys the first and the last word of a name, like Asterisk Directory', () => {
    expect(nameKeys('Mary Anne Jones')).to.deep.equal({ normalized: 'mary anne jones', lastNormalized: 'jones', firstKeys: '6279', lastKeys: '56637' });
  });
});

describe('attendant menu keys', () => {
  const extensions = new Set(['1007', '2001']);
  const isExtension = (d: string) => extensions.has(d);
  it('0 alone is the operator', () => expect(interpretKeys('0', isExtension)).to.deep.equal({ kind: 'operator' }));
  it('an existing extension dials it, even one made of letter keys', () => {
    expect(interpretKeys('1007', isExtension)).to.deep.equal({ kind: 'extension', extension: '1007' });
    expect(interpretKeys('2001', isExtension)).to.deep.equal({ kind: 'extension', extension: '2001' });
  });
  it('three or more letter keys (2–9) spell a name', () => {
    expect(interpretKeys('566', isExtension)).to.deep.equal({ kind: 'spelling', digits: '566' });
    expect(interpretKeys('56', isExtension)).to.deep.equal({ kind: 'invalid' });
  });
  it('keys 0 and 1 carry no letters: an unknown number with them is not valid', () => {
    expect(interpretKeys('1999', isExtension)).to.deep.equal({ kind: 'invalid' });
    expect(interpretKeys('5606', isExtension)).to.deep.equal({ kind: 'invalid' });
    expect(interpretKeys('', isExtension)).to.deep.equal({ kind: 'invalid' });
  });
  it('one match is offered, a few are listed, too many ask for more letters', () => {
    expect(judgeMatches([])).to.deep.equal({ kind: 'none' });
    expect(judgeMatches(['a'])).to.deep.equal({ kind: 'one', match: 'a' });
    expect(judgeMatches(['a', 'b'])).to.deep.equal({ kind: 'list', matches: ['a', 'b'] });
    expect(judgeMatches(Array.from({ length: MAX_LISTED_MATCHES + 1 }, (_, i) => i))).to.deep.equal({ kind: 'too-many' });
  });
});
