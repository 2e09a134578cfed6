import { expect } from 'chai';
import { deviceStateVerdict, isOutOfOffice, nextAfterUnavailable, planReach, unansweredReason } from '../../../src/features/attendant/policy/availability.js';
import type { UserProfile } from '../../../src/users/settings/user-repository.js';

const DIAL = 'Local/{number}@switchboard-pstn';
const user = (over: Partial<UserProfile> = {}): UserProfile => ({
  id: 7, organisationId: 1, extension: '1007', name: 'Bob Smith', email: null, role: 'user', type: 'agent', services: ['attendant'],
  locations: [{ id: 1, kind: 'primary', address: 'PJSIP/1007', ringsForIncoming: true, label: null }], dids: [], hiddenFromDirectory: false,
  aliases: [], backupUserId: null, secondaryNumber: null, loggedIn: true, noAnswerSeconds: 20, hasPassword: true, hasPin: true, systemAdmin: false, ...over,
});

describe('attendant: how a user is reached, by type', () => {
  it('an agent: the device while logged in, else unavailable', () => {
    expect(planReach(user(), DIAL)).to.deep.equal({ action: 'ring', steps: [{ targets: ['PJSIP/1007'], ringSeconds: 20 }] });
    expect(planReach(user({ loggedIn: false }), DIAL)).to.deep.equal({ action: 'unavailable', reason: 'unavailable' });
  });
  it('a business user: the outside number through the outbound dial string', () => {
    expect(planReach(user({ type: 'business_user', secondaryNumber: '5551234567' }), DIAL))
      .to.deep.equal({ action: 'ring', steps: [{ targets: ['Local/5551234567@switchboard-pstn'], ringSeconds: 20 }] });
    expect(planReach(user({ type: 'business_user' }), DIAL).action).to.equal('unavailable');
  });
  it('a floating agent: the device first, then the outside number', () => {
    expect(planReach(user({ type: 'floating_agent', secondaryNumber: '5550002', noAnswerSeconds: 5 }), DIAL)).to.deep.equal({
      action: 'ring', steps: [{ targets: ['PJSIP/1007'], ringSeconds: 5 }, { targets: ['Local/5550002@switchboard-pstn'], ringSeconds: 5 }],
    });
  });
  it('a general mailbox: straight to voicemail', () => {
    expect(planReach(user({ type: 'general_voicemail', locations: [] }), DIAL)).to.deep.equal({ action: 'voicemail', reason: 'direct' });
  });
});

describe('attendant: availability', () => {
  it('device states that mean "on a call" are busy; unreachable ones unavailable', () => {
    for (const s of ['INUSE', 'BUSY', 'ONHOLD', 'RINGINUSE']) expect(deviceStateVerdict(s)).to.equal('busy');
    for (const s of ['UNAVAILABLE', 'INVALID']) expect(deviceStateVerdict(s)).to.equal('unavailable');
    for (const s of ['NOT_INUSE', 'RINGING', 'UNKNOWN', undefined]) expect(deviceStateVerdict(s)).to.equal('free');
  });
  it('busy wins over no answer; no answer over unreachable', () => {
    expect(unansweredReason(['noanswer', 'busy'])).to.equal('busy');
    expect(unansweredReason(['unavailable', 'noanswer'])).to.equal('noanswer');
    expect(unansweredReason(['failed'])).to.equal('unavailable');
  });
  it('the backup is tried once, never the user again; then voicemail', () => {
    expect(nextAfterUnavailable(user({ backupUserId: 6 }), null, new Set([7]))).to.deep.equal({ action: 'backup', userId: 6 });
    expect(nextAfterUnavailable(user({ backupUserId: 6 }), 8, new Set([7]))).to.deep.equal({ action: 'backup', userId: 8 });
    expect(nextAfterUnavailable(user({ backupUserId: 6 }), null, new Set([7, 6]))).to.deep.equal({ action: 'voicemail' });
    expect(nextAfterUnavailable(user(), null, new Set([7]))).to.deep.equal({ action: 'voicemail' });
  });
  it('out of office: open-ended, from a start, until an end', () => {
    const now = new Date('2026-11-23T12:00:00Z');
    expect(isOutOfOffice(undefined, now)).to.equal(false);
    expect(isOutOfOffice({ startsAt: null, endsAt: null, backupUserId: null }, now)).to.equal(true);
    expect(isOutOfOffice({ startsAt: '2026-11-24T00:00:00Z', endsAt: null, backupUserId: null }, now)).to.equal(false);
    expect(isOutOfOffice({ startsAt: '2026-11-20T00:00:00Z', endsAt: '2026-11-23T12:00:00Z', backupUserId: null }, now)).to.equal(false);
    expect(isOutOfOffice({ startsAt: '2026-11-20T00:00:00Z', endsAt: '2026-11-30T00:00:00Z', backupUserId: null }, now)).to.equal(true);
  });
});
