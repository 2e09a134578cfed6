import { expect } from 'chai';
import { fallbackEntries } from '../../../src/users/fallback-directory.js';
import type { UserProfile } from '../../../src/users/settings/user-repository.js';

const user = (over: Partial<UserProfile>): UserProfile => ({
  id: 1, organisationId: 1, extension: '1007', name: 'Bob Smith', email: null, role: 'user', type: 'agent',
  services: [], locations: [{ id: 1, kind: 'primary', address: 'PJSIP/1007', ringsForIncoming: true, label: null }],
  dids: [], hiddenFromDirectory: false, aliases: [], backupUserId: null, secondaryNumber: null, loggedIn: true,
  noAnswerSeconds: 20, hasPassword: false, hasPin: false, systemAdmin: false, ...over,
});

describe('fallbackEntries: what the dialplan rings for each extension and DID without the controller', () => {
  it('rings the primary device for the extension and for every DID of the user', () => {
    const entries = fallbackEntries([user({ extension: '1002', dids: ['5552002', '+15552002'], locations: [{ id: 1, kind: 'primary', address: 'PJSIP/1002', ringsForIncoming: true, label: null }] })]);
    expect(Object.fromEntries(entries)).to.deep.equal({ 'ext/1002': 'PJSIP/1002', 'did/5552002': 'PJSIP/1002', 'did/+15552002': 'PJSIP/1002' });
  });

  it('adds the shared call appearances flagged to ring, not the others nor mobile numbers', () => {
    const bob = user({ locations: [
      { id: 1, kind: 'primary', address: 'PJSIP/1007', ringsForIncoming: true, label: null },
      { id: 2, kind: 'shared', address: 'PJSIP/1008', ringsForIncoming: true, label: 'desk' },
      { id: 3, kind: 'shared', address: 'PJSIP/2002', ringsForIncoming: false, label: 'lab' },
      { id: 4, kind: 'mobile', address: '5550001', ringsForIncoming: true, label: null },
    ] });
    expect(fallbackEntries([bob]).get('ext/1007')).to.equal('PJSIP/1007&PJSIP/1008');
  });

  it('writes nothing for a user without a device (a general mailbox)', () => {
    expect(fallbackEntries([user({ extension: '1009', locations: [], dids: ['5552009'] })]).size).to.equal(0);
  });

  it('keeps the first user of an extension two organisations share (the dialplan cannot tell tenants apart)', () => {
    const first = user({ id: 3, organisationId: 1 });
    const second = user({ id: 9, organisationId: 2, locations: [{ id: 5, kind: 'primary', address: 'PJSIP/org2-1007', ringsForIncoming: true, label: null }] });
    expect(fallbackEntries([second, first]).get('ext/1007')).to.equal('PJSIP/1007');
  });

  it('never writes a dial string the dialplan would misread (commas, variables) or a key that is not a number', () => {
    const entries = fallbackEntries([
      user({ id: 1, extension: '1010', locations: [{ id: 1, kind: 'primary', address: 'PJSIP/1010,30,tT', ringsForIncoming: true, label: null }] }),
      user({ id: 2, extension: '1011', locations: [{ id: 2, kind: 'primary', address: 'PJSIP/${EVIL}', ringsForIncoming: true, label: null }] }),
      user({ id: 3, extension: '10/12', locations: [{ id: 3, kind: 'primary', address: 'PJSIP/1012', ringsForIncoming: true, label: null }] }),
    ]);
    expect(entries.size).to.equal(0);
  });
});
