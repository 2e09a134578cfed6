import { expect } from 'chai';
import { matchesSearch, waited } from '../../../portal/src/pages/operator/search.js';

const person = (name: string, extension: string, dids: string[] = []) => ({ id: 1, name, extension, dids, state: 'idle' as const, backup: null });
const bob = person('Bob Smith', '1007');
const mary = person('Mary Jones', '1005', ['+1 555 2005']);

describe('operator console: the directory search, as the operator types', () => {
  it('finds by the start of any word of the name, in any case', () => {
    expect(matchesSearch(bob, 'b')).to.equal(true);
    expect(matchesSearch(bob, 'SMI')).to.equal(true);
    expect(matchesSearch(mary, 'smi')).to.equal(false);
  });
  it('finds by extension or DID, whatever the punctuation', () => {
    expect(matchesSearch(bob, '100')).to.equal(true);
    expect(matchesSearch(mary, '5552005')).to.equal(true);
    expect(matchesSearch(mary, '555-2005')).to.equal(true);
    expect(matchesSearch(bob, '5552005')).to.equal(false);
  });
  it('an empty box shows everyone', () => {
    expect(matchesSearch(bob, '  ')).to.equal(true);
  });
});

describe('operator console: the time a caller has waited', () => {
  it('in minutes and seconds', () => {
    expect(waited('2026-12-02T10:00:00.000Z', Date.parse('2026-12-02T10:00:00.000Z') + 65_000)).to.equal('1:05');
  });
});
