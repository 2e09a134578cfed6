import { expect } from 'chai';
import { afterNoAnswer, planInternalCall } from '../../../src/features/calls/policy/plan-internal-call.js';
import type { UserProfile } from '../../../src/users/settings/user-repository.js';

const user = (over: Partial<UserProfile>): UserProfile => ({
  id: 1, organisationId: 1, extension: '1007', name: 'Bob Smith', email: null, role: 'user', type: 'agent',
  services: [], locations: [{ id: 1, kind: 'primary', address: 'PJSIP/1007', ringsForIncoming: true, label: null }],
  dids: [], hiddenFromDirectory: false, aliases: [], backupUserId: null, secondaryNumber: null, loggedIn: true,
  noAnswerSeconds: 20, hasPassword: false, hasPin: false, systemAdmin: false, ...over,
});
const mary = user({ id: 2, extension: '1005', name: 'Mary Jones' });

describe('planInternalCall: who rings for a plain internal call', () => {
  it('rings the callee primary device showing the caller user name and extension', () => {
    const plan = planInternalCall(user({}), { user: mary, presented: { name: 'spoofed', number: '999' } });
    expect(plan).to.deep.equal({ action: 'ring', targets: ['PJSIP/1007'], ringSeconds: 20, callerId: { name: 'Mary Jones', number: '1005' } });
  });

  it('also rings shared call appearances flagged to ring, but not the others', () => {
    const bob = user({ locations: [
      { id: 1, kind: 'primary', address: 'PJSIP/1007', ringsForIncoming: true, label: null },
      { id: 2, kind: 'shared', address: 'PJSIP/2001', ringsForIncoming: true, label: 'desk' },
      { id: 3, kind: 'shared', address: 'PJSIP/2002', ringsForIncoming: false, label: 'lab' },
      { id: 4, kind: 'mobile', address: '5550001', ringsForIncoming: true, label: null },
    ] });
    const plan = planInternalCall(bob, { user: mary, presented: { name: '', number: '' } });
    expect(plan.action === 'ring' && plan.targets).to.deep.equal(['PJSIP/1007', 'PJSIP/2001']);
  });

  it('uses the presented caller ID for a device that belongs to nobody', () => {
    const plan = planInternalCall(user({}), { user: undefined, presented: { name: 'Lobby', number: '1015' } });
    expect(plan.action === 'ring' && plan.callerId).to.deep.equal({ name: 'Lobby', number: '1015' });
  });

  it('is not in service for an unknown extension or a user without a device', () => {
    expect(planInternalCall(undefined, { user: mary, presented: { name: '', number: '' } })).to.deep.equal({ action: 'not-in-service' });
    expect(planInternalCall(user({ locations: [] }), { user: mary, presented: { name: '', number: '' } })).to.deep.equal({ action: 'not-in-service' });
  });
});

describe('afterNoAnswer: what a caller nobody answered gets', () => {
  it('goes to voicemail with the reason, busy winning over no answer', () => {
    expect(afterNoAnswer(['noanswer', 'busy'], true)).to.deep.equal({ action: 'voicemail', reason: 'busy' });
    expect(afterNoAnswer(['noanswer'], true)).to.deep.equal({ action: 'voicemail', reason: 'noanswer' });
    expect(afterNoAnswer(['unavailable'], true)).to.deep.equal({ action: 'voicemail', reason: 'unavailable' });
  });
  it('without voicemail, announces why', () => {
    expect(afterNoAnswer(['busy'], false)).to.deep.equal({ action: 'announce', prompt: 'core-busy' });
    expect(afterNoAnswer(['rejected'], false)).to.deep.equal({ action: 'announce', prompt: 'core-no-answer' });
    expect(afterNoAnswer(['failed'], false)).to.deep.equal({ action: 'announce', prompt: 'core-unavailable' });
  });
});
