import { expect } from 'chai';
import { executiveAccess, mayChange, mayManageAssistant } from '../../../src/features/executive/policy/access.js';
import { poolProblems } from '../../../src/features/executive/policy/pool-rules.js';
import type { UserProfile } from '../../../src/users/settings/user-repository.js';

const user = (id: number, over: Partial<UserProfile> = {}): UserProfile => ({
  id, organisationId: 1, extension: String(1000 + id), name: `U${id}`, email: null, role: 'user', type: 'agent', services: [],
  locations: [], dids: [], hiddenFromDirectory: false, aliases: [], backupUserId: null, secondaryNumber: null,
  loggedIn: true, noAnswerSeconds: 20, hasPassword: true, hasPin: true, systemAdmin: false, ...over,
});

describe('executive settings rules (policy)', () => {
  const executive = user(2, { services: ['executive'] });

  it('the executive and an administrator have full access; an assistant in the pool has assistant access', () => {
    expect(executiveAccess(executive, executive, false)).to.equal('full');
    expect(executiveAccess(user(1, { role: 'admin' }), executive, false)).to.equal('full');
    expect(executiveAccess(user(3), executive, true)).to.equal('assistant');
    expect(executiveAccess(user(5), executive, false)).to.equal('none');
  });
  it('nobody from another organisation, administrators included', () => {
    expect(executiveAccess(user(9, { organisationId: 2, role: 'admin' }), executive, false)).to.equal('none');
    expect(executiveAccess(user(9, { organisationId: 2 }), executive, true)).to.equal('none');
  });
  it('assistants change filtering, screening, alerting, never the pool', () => {
    expect(mayChange('assistant', 'filtering')).to.equal(true);
    expect(mayChange('assistant', 'screening')).to.equal(true);
    expect(mayChange('assistant', 'alerting')).to.equal(true);
    expect(mayChange('assistant', 'pool')).to.equal(false);
    expect(mayChange('full', 'pool')).to.equal(true);
    expect(mayChange('none', 'filtering')).to.equal(false);
  });
  it('assistant settings: the assistant or their administrator', () => {
    const assistant = user(3, { services: ['assistant'] });
    expect(mayManageAssistant(assistant, assistant)).to.equal(true);
    expect(mayManageAssistant(user(1, { role: 'admin' }), assistant)).to.equal(true);
    expect(mayManageAssistant(executive, assistant)).to.equal(false);
    expect(mayManageAssistant(user(1, { role: 'admin', organisationId: 2 }), assistant)).to.equal(false);
  });

  describe('pool', () => {
    const candidates = new Map<number, UserProfile>([
      [3, user(3, { services: ['assistant'] })],
      [4, user(4, { services: ['assistant'] })],
      [5, user(5)],
      [6, user(6, { services: ['assistant'], organisationId: 2 })],
    ]);
    it('assistants of the organisation with the assistant service are fine', () => {
      expect(poolProblems(executive, [3, 4], candidates)).to.deep.equal([]);
    });
    it('names the entry at fault', () => {
      expect(poolProblems(executive, [3, 5], candidates)).to.deep.equal([{ field: 'assistants.1', message: 'this user does not have the assistant service' }]);
      expect(poolProblems(executive, [6], candidates)[0]).to.deep.equal({ field: 'assistants.0', message: 'no such user in this organisation' });
      expect(poolProblems(executive, [99], candidates)[0]!.message).to.equal('no such user in this organisation');
      expect(poolProblems(executive, [2], candidates)[0]!.message).to.contain('own assistant');
      expect(poolProblems(executive, [3, 3], candidates)[0]).to.deep.equal({ field: 'assistants.1', message: 'listed twice' });
    });
    it('at most 10', () => {
      const many = new Map([...Array(11).keys()].map((i) => [100 + i, user(100 + i, { services: ['assistant'] })]));
      expect(poolProblems(executive, [...many.keys()], many)[0]).to.deep.equal({ field: 'assistants', message: 'at most 10 assistants' });
    });
  });
});

describe('busy-lamp keys (policy)', () => {
  it('*61<executive> is the filter key; *65<assistant>*<executive> the opt-in key; *64<executive> the line key', async () => {
    const { parseLampKey } = await import('../../../src/features/executive/policy/lamp-keys.js');
    expect(parseLampKey('*611002')).to.deep.equal({ kind: 'filter', executiveExtension: '1002' });
    expect(parseLampKey('*651003*1002')).to.deep.equal({ kind: 'opt-in', assistantExtension: '1003', executiveExtension: '1002' });
    expect(parseLampKey('*641002')).to.deep.equal({ kind: 'line', executiveExtension: '1002' });
    for (const other of ['*61', '#611002', '*651003', '*6510031002', '*65*1002', '*64', '*14611002']) expect(parseLampKey(other), other).to.equal(undefined);
  });
  it('the lamps work for extensions of any length', async () => {
    const { parseLampKey, lampExtension } = await import('../../../src/features/executive/policy/lamp-keys.js');
    expect(parseLampKey('*6112')).to.deep.equal({ kind: 'filter', executiveExtension: '12' });
    expect(parseLampKey('*61100234')).to.deep.equal({ kind: 'filter', executiveExtension: '100234' });
    expect(parseLampKey('*6523*100234')).to.deep.equal({ kind: 'opt-in', assistantExtension: '23', executiveExtension: '100234' });
    expect(parseLampKey('*64100234')).to.deep.equal({ kind: 'line', executiveExtension: '100234' });
    expect(lampExtension.optIn('23', '100234')).to.equal('*6523*100234');
    for (const [key, ext] of [[lampExtension.filter('777'), '777'], [lampExtension.line('55'), '55']] as const) {
      expect(parseLampKey(key)).to.include({ executiveExtension: ext });
    }
  });
});

describe('the executive\'s line state (policy)', () => {
  it('idle, ringing, on a call, on hold, from the executive\'s calls in progress', async () => {
    const { lineState } = await import('../../../src/features/executive/policy/line-state.js');
    expect(lineState([])).to.equal('NOT_INUSE');
    expect(lineState([{ answered: false, onHold: false }])).to.equal('RINGING');
    expect(lineState([{ answered: true, onHold: false }])).to.equal('INUSE');
    expect(lineState([{ answered: true, onHold: true }])).to.equal('ONHOLD');
    expect(lineState([{ answered: true, onHold: true }, { answered: false, onHold: false }]), 'a held call and a new one ringing').to.equal('ONHOLD');
    expect(lineState([{ answered: true, onHold: true }, { answered: true, onHold: false }]), 'one held, one talking').to.equal('INUSE');
  });
});
