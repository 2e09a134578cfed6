import { expect } from 'chai';
import { confirmationAnswer, grammarPhrases, matchUtterance, type DirectoryName } from '../../../src/features/attendant/policy/speech-match.js';
import { espeakToArpabet } from '../../../src/features/attendant/speech/pronounce.js';
import { parseCsv, toCsv } from '../../../src/features/attendant/api/csv.js';

const directory: DirectoryName[] = [
  { userId: 5, spokenName: 'Mary Jones' }, { userId: 5, spokenName: 'Molly Jones' },
  { userId: 6, spokenName: 'Mark Jones' }, { userId: 7, spokenName: 'Bob Smith' }, { userId: 7, spokenName: 'Robert Smith' },
  { userId: 10, spokenName: 'Mary Jones' },
];

describe('attendant: what the caller said', () => {
  it('a full name or a nickname picks its user', () => {
    expect(matchUtterance('robert smith', directory, new Set())).to.deep.equal({ kind: 'users', userIds: [7] });
    expect(matchUtterance('molly jones', directory, new Set())).to.deep.equal({ kind: 'users', userIds: [5] });
  });
  it('homonyms give every user with that name', () => {
    expect(matchUtterance('mary jones', directory, new Set())).to.deep.equal({ kind: 'users', userIds: [5, 10] });
  });
  it('a last name alone gives everyone with it', () => {
    expect(matchUtterance('jones', directory, new Set())).to.deep.equal({ kind: 'users', userIds: [5, 6, 10] });
  });
  it('a rejected user is never offered again, nor in the grammar', () => {
    const rejected = new Set([6]);
    expect(matchUtterance('mark jones', directory, rejected)).to.deep.equal({ kind: 'nothing' });
    expect(matchUtterance('jones', directory, rejected)).to.deep.equal({ kind: 'users', userIds: [5, 10] });
    expect(grammarPhrases(directory, rejected)).to.not.include('mark jones');
  });
  it('"extension one zero zero seven" is an extension; "operator" the operator', () => {
    expect(matchUtterance('extension one zero zero seven', directory, new Set())).to.deep.equal({ kind: 'extension', extension: '1007' });
    expect(matchUtterance('operator', directory, new Set())).to.deep.equal({ kind: 'operator' });
  });
  it('confirmation by voice or key', () => {
    expect(confirmationAnswer('yes', undefined)).to.equal('yes');
    expect(confirmationAnswer('yeah', undefined)).to.equal('yes');
    expect(confirmationAnswer('no', undefined)).to.equal('no');
    expect(confirmationAnswer(undefined, '1')).to.equal('yes');
    expect(confirmationAnswer(undefined, '2')).to.equal('no');
    expect(confirmationAnswer('mary jones', undefined)).to.equal(undefined);
  });
  it('maps espeak-ng phonemes of an unknown name to ARPAbet', () => {
    expect(espeakToArpabet("z'0tSIt#@L")).to.equal('Z AA CH IH T AH L');
    expect(espeakToArpabet("m'e@ri")).to.equal('M EH R IY');
  });
});

describe('attendant CSV', () => {
  it('round-trips quotes, commas and line breaks', () => {
    const text = toCsv(['extension', 'name'], [['1007', 'Smith, "Bob"'], ['1008', 'Carol\nWhite']]);
    expect(parseCsv(text)).to.deep.equal([['extension', 'name'], ['1007', 'Smith, "Bob"'], ['1008', 'Carol\nWhite']]);
  });
});
