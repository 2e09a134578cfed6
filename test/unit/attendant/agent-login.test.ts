import { expect } from 'chai';
import { hasAgentLogin, parseAgentLoginCode } from '../../../src/features/attendant/policy/agent-login.js';

describe('agent log in / log out codes (PRODUCT.md 2)', () => {
  it('*50 logs in and *51 logs out, with or without the send key', () => {
    expect(parseAgentLoginCode('*50')).to.deep.equal({ loggedIn: true });
    expect(parseAgentLoginCode('*51#')).to.deep.equal({ loggedIn: false });
  });
  it('anything else is no login code (left to the other routes)', () => {
    for (const dialled of ['*5', '*501', '*52', '#50', '50', '*97']) expect(parseAgentLoginCode(dialled), dialled).to.equal(undefined);
  });
  it('only agents and floating agents have a login; business users and general mailboxes always ring', () => {
    expect(hasAgentLogin('agent')).to.equal(true);
    expect(hasAgentLogin('floating_agent')).to.equal(true);
    expect(hasAgentLogin('business_user')).to.equal(false);
    expect(hasAgentLogin('general_voicemail')).to.equal(false);
  });
});
