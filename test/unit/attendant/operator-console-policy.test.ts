import { expect } from 'chai';
import { consoleCallState, firstFreeParkSlot, mayUseOperatorConsole } from '../../../src/features/attendant/policy/console-calls.js';
import { outOfOfficeBackup, personState } from '../../../src/features/attendant/policy/person-state.js';

const acme = { id: 1, operator_destination: '1001' };

describe('operator console: who may use it', () => {
  it('the organisation\'s operator (the extension `0` reaches), though no administrator', () => {
    expect(mayUseOperatorConsole({ role: 'user', extension: '1001', organisationId: 1 }, acme)).to.equal(true);
  });
  it('the organisation\'s administrators', () => {
    expect(mayUseOperatorConsole({ role: 'admin', extension: '1099', organisationId: 1 }, acme)).to.equal(true);
  });
  it('nobody else: a plain user, another organisation\'s administrator or operator', () => {
    expect(mayUseOperatorConsole({ role: 'user', extension: '1007', organisationId: 1 }, acme)).to.equal(false);
    expect(mayUseOperatorConsole({ role: 'admin', extension: '1001', organisationId: 2 }, acme)).to.equal(false);
  });
  it('with no operator destination, administrators only', () => {
    expect(mayUseOperatorConsole({ role: 'user', extension: '1001', organisationId: 1 }, { id: 1, operator_destination: null })).to.equal(false);
  });
});

describe('operator console: how a call and a person are shown', () => {
  it('the attendant\'s states, in the console\'s words; a caller leaving a message is not shown', () => {
    expect(['menu', 'operator', 'connecting', 'connected', 'voicemail'].map(consoleCallState)).to.deep.equal(['menu', 'waiting', 'ringing', 'connected', undefined]);
  });
  it('a phone in use comes first: on a call, then ringing', () => {
    expect(personState({ lines: ['ringing', 'talking'], outOfOffice: true, agentLoggedIn: false })).to.equal('on-a-call');
    expect(personState({ lines: ['on-hold'], outOfOffice: false, agentLoggedIn: null })).to.equal('on-a-call');
    expect(personState({ lines: ['ringing'], outOfOffice: true, agentLoggedIn: null })).to.equal('ringing');
  });
  it('then why the attendant would not ring them: out of office, then logged out', () => {
    expect(personState({ lines: [], outOfOffice: true, agentLoggedIn: false })).to.equal('out-of-office');
    expect(personState({ lines: [], outOfOffice: false, agentLoggedIn: false })).to.equal('logged-out');
    expect(personState({ lines: [], outOfOffice: false, agentLoggedIn: true })).to.equal('idle');
    expect(personState({ lines: [], outOfOffice: false, agentLoggedIn: null })).to.equal('idle');
  });
  it('an absent person\'s backup: the one set for the absence, else the default, never themselves', () => {
    expect(outOfOfficeBackup(8, 9, 7)).to.equal(8);
    expect(outOfOfficeBackup(null, 9, 7)).to.equal(9);
    expect(outOfOfficeBackup(null, 7, 7)).to.equal(null);
    expect(outOfOfficeBackup(null, null, 7)).to.equal(null);
  });
});

describe('operator console: parking slots', () => {
  it('the lowest slot nobody holds', () => {
    expect(firstFreeParkSlot([])).to.equal(1);
    expect(firstFreeParkSlot([1, 2, 4])).to.equal(3);
    expect(firstFreeParkSlot([2])).to.equal(1);
  });
});
