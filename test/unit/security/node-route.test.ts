import { expect } from 'chai';
import { nodeRoute, type NodeRouteFacts } from '../../../src/http/nodes/node-route.js';

/** Who answers a console or live-view request on a site with several nodes and controllers (issue 14). */
describe('node routing: a console request goes to the leader of the organisation\'s node', () => {
  const facts = (over: Partial<NodeRouteFacts>): NodeRouteFacts => ({
    organisationNode: null, ownNode: 'a', leadingOwnNode: true, leaderUrl: 'http://a1:8080', ownUrl: 'http://a1:8080', forwarded: false, needsLeader: true, ...over,
  });

  it('one node (no node assigned) and this controller leads it: answered here', () => {
    expect(nodeRoute(facts({}))).to.deep.equal({ kind: 'here' });
    expect(nodeRoute(facts({ organisationNode: 'a' }))).to.deep.equal({ kind: 'here' });
  });

  it('a standby of the node hands a console request to its leader, but reads the live view itself', () => {
    const standby = { leadingOwnNode: false, ownUrl: 'http://a2:8080' };
    expect(nodeRoute(facts(standby))).to.deep.equal({ kind: 'forward', leaderUrl: 'http://a1:8080', ownNode: true });
    expect(nodeRoute(facts({ ...standby, needsLeader: false }))).to.deep.equal({ kind: 'here' });
  });

  it('a standby with no leader known, or asked by another controller already, answers what it knows', () => {
    expect(nodeRoute(facts({ leadingOwnNode: false, ownUrl: 'http://a2:8080', leaderUrl: undefined }))).to.deep.equal({ kind: 'here' });
    expect(nodeRoute(facts({ leadingOwnNode: false, ownUrl: 'http://a2:8080', forwarded: true }))).to.deep.equal({ kind: 'here' });
    // The store still names this controller as leader (it just lost the lease): no request to itself.
    expect(nodeRoute(facts({ leadingOwnNode: false }))).to.deep.equal({ kind: 'here' });
  });

  it('an organisation on another node: the request goes to that node\'s leader, the live view too', () => {
    const other = { organisationNode: 'b', leaderUrl: 'http://b1:8080' };
    expect(nodeRoute(facts(other))).to.deep.equal({ kind: 'forward', leaderUrl: 'http://b1:8080', ownNode: false });
    expect(nodeRoute(facts({ ...other, needsLeader: false }))).to.deep.equal({ kind: 'forward', leaderUrl: 'http://b1:8080', ownNode: false });
    expect(nodeRoute(facts({ ...other, leadingOwnNode: false }))).to.deep.equal({ kind: 'forward', leaderUrl: 'http://b1:8080', ownNode: false });
  });

  it('another node with no leader, or a request already handed on once: refused, naming the node, never passed round', () => {
    const none = nodeRoute(facts({ organisationNode: 'b', leaderUrl: undefined }));
    expect(none).to.include({ kind: 'refuse' });
    expect((none as { detail: string }).detail).to.match(/node b, which has no leading controller/);
    const loop = nodeRoute(facts({ organisationNode: 'b', forwarded: true }));
    expect(loop).to.include({ kind: 'refuse' });
    expect((loop as { detail: string }).detail).to.match(/node b/);
  });
});
