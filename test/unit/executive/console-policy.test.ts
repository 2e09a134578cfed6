import { expect } from 'chai';
import { consoleRefusal } from '../../../src/features/executive/policy/console-access.js';
import { consoleLine, type ConsoleCallFacts } from '../../../src/features/executive/policy/console-calls.js';

const alice = { id: 3, organisationId: 1, services: ['assistant'] };
const erin = { id: 2, organisationId: 1, services: ['executive'] };

describe('assistant console: who may see and act on an executive\'s calls', () => {
  it('lets an assistant in the executive\'s pool in', () => {
    expect(consoleRefusal(alice, erin, true)).to.equal(undefined);
  });
  it('refuses an assistant outside the pool, naming the pool', () => {
    expect(consoleRefusal(alice, erin, false)).to.include({ status: 403, code: 'not-in-pool' });
  });
  it('refuses someone without the assistant service, the executive and administrators included', () => {
    expect(consoleRefusal({ ...erin }, erin, false)).to.include({ status: 403, code: 'not-an-assistant' });
  });
  it('finds no executive of another organisation, nor a user who is no executive, nor a missing one', () => {
    expect(consoleRefusal(alice, { ...erin, organisationId: 2 }, true)).to.include({ status: 404, code: 'no-such-executive' });
    expect(consoleRefusal(alice, { ...erin, services: [] }, true)).to.include({ status: 404, code: 'no-such-executive' });
    expect(consoleRefusal(alice, undefined, false)).to.include({ status: 404, code: 'no-such-executive' });
  });
});

describe('assistant console: what the line shows and what may be done', () => {
  const me = { userId: 3, device: 'PJSIP/1003' };
  const call = (facts: Partial<ConsoleCallFacts>): ConsoleCallFacts => ({
    id: 'executive-1', remote: { name: 'Mary Jones', number: '1005' }, startedAt: new Date('2026-12-02T09:00:00Z'),
    answered: false, onHold: false, awaitsAssistant: false, handler: undefined, ...facts,
  });

  it('an idle line offers only Call as the executive', () => {
    expect(consoleLine([], me)).to.deep.equal({ state: 'idle', with: null, actions: ['call'], calls: [] });
  });
  it('a filtered call ringing the assistants can be taken, sent to voicemail or forwarded', () => {
    const line = consoleLine([call({ awaitsAssistant: true })], me);
    expect(line.state).to.equal('ringing');
    expect(line.calls[0]).to.deep.include({ state: 'ringing-assistants', actions: ['take', 'voicemail', 'forward'], since: '2026-12-02T09:00:00.000Z' });
  });
  it('my own answered call can be pushed, held and transferred; held, it is resumed instead', () => {
    const mine = { userId: 3, device: 'PJSIP/1003' };
    expect(consoleLine([call({ answered: true, handler: mine })], me).calls[0]!.actions).to.deep.equal(['push', 'hold', 'transfer']);
    const held = consoleLine([call({ answered: true, onHold: true, handler: mine })], me);
    expect(held.state).to.equal('on-hold');
    expect(held.calls[0]).to.deep.include({ state: 'on-hold', handledByMe: true, actions: ['push', 'resume', 'transfer'] });
  });
  it('the executive on a call: who with, and Retrieve and Bridge offered; no call actions on a call that is not mine', () => {
    const line = consoleLine([call({ answered: true, handler: { userId: 2, device: 'PJSIP/1002' } })], me);
    expect(line).to.deep.include({ state: 'on-a-call', with: { name: 'Mary Jones', number: '1005' }, actions: ['retrieve', 'bridge', 'call'] });
    expect(line.calls[0]!.actions).to.deep.equal([]);
  });
  it('a call still ringing elsewhere (a push ringing the executive) shows, with nothing to do', () => {
    expect(consoleLine([call({})], me).calls[0]).to.deep.include({ state: 'ringing', actions: [] });
  });
});
