import { expect } from 'chai';
import { listPick, listPickPhrases, matchUtterance, menuGrammar, spellingWords, type DirectoryName } from '../../../src/features/attendant/policy/speech-match.js';

const directory: Array<DirectoryName & { extension: string }> = [
  { userId: 5, spokenName: 'Mary Jones', extension: '1005' }, { userId: 5, spokenName: 'Molly Jones', extension: '1005' },
  { userId: 6, spokenName: 'Mark Jones', extension: '1006' }, { userId: 7, spokenName: 'Bob Smith', extension: '1007' },
  { userId: 8, spokenName: 'Carol White', extension: '1008' },
];

describe('attendant: extensions said, names spelled, lists answered by voice', () => {
  it('four digits without the word "extension" are an extension; "oh" is zero', () => {
    expect(matchUtterance('one zero zero seven', directory, new Set())).to.deep.equal({ kind: 'extension', extension: '1007' });
    expect(matchUtterance('one oh oh eight', directory, new Set())).to.deep.equal({ kind: 'extension', extension: '1008' });
  });
  it('the menu grammar holds only the directory\'s extensions, and the names spelled whole and from three letters', () => {
    const grammar = menuGrammar(directory, new Set([8]));
    expect(grammar.extensions).to.have.members(['1005', '1006', '1007']);
    expect(grammar.spellings).to.include.members(['jon', 'jone', 'jones', 'mar', 'mary', 'mark', 'bob', 'smi', 'smith', 'mol', 'molly']);
    expect(grammar.spellings).to.not.include.members(['jo', 'carol', 'white']);
    expect(grammar.operator).to.equal(true);
  });
  it('a spelled last name shared by two gives both; a first name or a prefix gives whoever has it', () => {
    expect(matchUtterance('j o n e s', directory, new Set())).to.deep.equal({ kind: 'spelled', letters: 'jones', userIds: [5, 6] });
    expect(matchUtterance('b o b', directory, new Set())).to.deep.equal({ kind: 'spelled', letters: 'bob', userIds: [7] });
    expect(matchUtterance('s m i', directory, new Set())).to.deep.equal({ kind: 'spelled', letters: 'smi', userIds: [7] });
    expect(matchUtterance('j o n e s', directory, new Set([6]))).to.deep.equal({ kind: 'spelled', letters: 'jones', userIds: [5] });
  });
  it('spelling words never include fewer than three letters of a longer name', () => {
    expect(spellingWords([{ userId: 1, spokenName: 'Al Li' }], new Set())).to.have.members(['al', 'li']);
  });
  it('a list is answered with a number, an ordinal or the name again', () => {
    const list = [{ name: 'Mary Jones' }, { name: 'Mark Jones' }];
    expect(listPick('two', list)).to.equal(1);
    expect(listPick('number two', list)).to.equal(1);
    expect(listPick('the second one', list)).to.equal(1);
    expect(listPick('first', list)).to.equal(0);
    expect(listPick('mark jones', list)).to.equal(1);
    expect(listPick('three', list)).to.equal(undefined);
    expect(listPick('mary jones', [{ name: 'Mary Jones' }, { name: 'Mary Jones' }]), 'a homonym names nobody in particular').to.equal(undefined);
    expect(listPickPhrases(2)).to.include.members(['two', 'number two', 'the second one', 'second']).and.to.not.include('three');
  });
});
