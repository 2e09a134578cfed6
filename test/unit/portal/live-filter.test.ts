import { expect } from 'chai';
import type { UserProfile } from '../../../src/users/settings/user-repository.js';
import { filterSnapshot } from '../../../src/http/live/live-routes.js';
import type { LiveSnapshot } from '../../../src/http/live/live-state.js';

const line = (userId: number, organisationId = 1) => ({ channelId: `c${userId}`, userId, organisationId, device: `PJSIP/${1000 + userId}`, state: 'ringing' as const, peer: { name: '', number: '' }, since: '', callId: null });
const user = (id: number, organisationId = 1) => ({ id, organisationId, name: `U${id}`, extension: String(1000 + id), services: [], filtering: null, outOfOffice: null, agentLoggedIn: null });
const snapshot: LiveSnapshot = { lines: [line(1), line(2), line(3), line(9, 2)], users: [user(1), user(2), user(3), user(9, 2)] };
const viewer = (id: number, role: 'admin' | 'user') => ({ id, organisationId: 1, role }) as UserProfile;

describe('who sees what in the live view', () => {
  it('an administrator sees their whole organisation and nothing of another', () => {
    const seen = filterSnapshot(snapshot, viewer(1, 'admin'), new Set([1]));
    expect(seen.lines.map((l) => l.userId)).to.deep.equal([1, 2, 3]);
    expect(seen.users.map((u) => u.id)).to.deep.equal([1, 2, 3]);
  });
  it('a user sees only themselves and the people they work with', () => {
    const seen = filterSnapshot(snapshot, viewer(2, 'user'), new Set([2, 3]));
    expect(seen.lines.map((l) => l.userId)).to.deep.equal([2, 3]);
    expect(seen.users.map((u) => u.id)).to.deep.equal([2, 3]);
  });
  it('a visible id in another organisation stays hidden', () => {
    expect(filterSnapshot(snapshot, viewer(2, 'user'), new Set([2, 9])).users.map((u) => u.id)).to.deep.equal([2]);
  });
});
