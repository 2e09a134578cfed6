import { expect } from 'chai';
import { canViewUser, fieldsUserMayNotChange } from '../../../src/users/policy/access.js';
import type { UserProfile } from '../../../src/users/settings/user-repository.js';
import { deviceOfChannelName } from '../../../src/calls/incoming-call.js';
import { hashSecret, verifySecret } from '../../../src/users/password.js';
import { loadConfig } from '../../../src/config.js';

const person = (id: number, role: 'admin' | 'user', organisationId = 1) => ({ id, role, organisationId }) as UserProfile;

describe('who may see and change a user', () => {
  it('an administrator sees everyone in their organisation, nobody elsewhere', () => {
    expect(canViewUser(person(1, 'admin'), person(2, 'user'))).to.equal(true);
    expect(canViewUser(person(1, 'admin'), person(2, 'user', 2))).to.equal(false);
  });
  it('a user sees only themselves', () => {
    expect(canViewUser(person(2, 'user'), person(2, 'user'))).to.equal(true);
    expect(canViewUser(person(2, 'user'), person(3, 'user'))).to.equal(false);
  });
  it('a user may change their name, e-mail, password and PIN, nothing else', () => {
    expect(fieldsUserMayNotChange(person(2, 'user'), person(2, 'user'), ['name', 'pin'])).to.deep.equal([]);
    expect(fieldsUserMayNotChange(person(2, 'user'), person(2, 'user'), ['name', 'role', 'services'])).to.deep.equal(['role', 'services']);
    expect(fieldsUserMayNotChange(person(2, 'user'), person(3, 'user'), ['name'])).to.deep.equal(['name']);
    expect(fieldsUserMayNotChange(person(1, 'admin'), person(3, 'user'), ['role'])).to.deep.equal([]);
  });
});

describe('passwords and PINs are stored as slow hashes', () => {
  it('verifies the right secret and refuses a wrong one', async () => {
    const stored = await hashSecret('correct horse');
    expect(stored).to.match(/^scrypt\$32768\$8\$1\$/);
    expect(stored).not.to.contain('correct horse');
    expect(await verifySecret('correct horse', stored)).to.equal(true);
    expect(await verifySecret('wrong', stored)).to.equal(false);
    expect(await verifySecret('x', null)).to.equal(false);
  });
});

describe('the calling device comes from the channel, not from caller ID', () => {
  it('strips the channel sequence number', () => {
    expect(deviceOfChannelName('PJSIP/1001-0000000a')).to.equal('PJSIP/1001');
    expect(deviceOfChannelName('PJSIP/my-phone-00000001')).to.equal('PJSIP/my-phone');
    expect(deviceOfChannelName('Local/5551234@switchboard-pstn-00000003;2')).to.equal('Local/5551234@switchboard-pstn');
  });
});

describe('configuration from the environment', () => {
  it('has defaults a local install runs with', () => {
    const config = loadConfig({});
    expect(config.ari).to.deep.equal({ url: 'http://127.0.0.1:8088', user: 'switchboard', password: 'switchboard', app: 'switchboard' });
    expect(config.database.url).to.equal('sqlite:var/switchboard.db');
    expect(config.http.port).to.equal(8080);
  });
  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ HTTP_PORT: 'eighty' })).to.throw(/HTTP_PORT/);
    expect(() => loadConfig({ ARI_URL: 'not a url' })).to.throw(/ARI_URL/);
  });
});
