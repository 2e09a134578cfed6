import { expect } from 'chai';
import { KnownGone } from '../../../src/ari/known-gone.js';

describe('known-gone channels and bridges: what the last minutes destroyed, not everything since start', () => {
  it('forgets ids once they are older than the keep time, oldest first', () => {
    let now = 0;
    const gone = new KnownGone(100, 60_000, () => now);
    gone.markChannel('a');
    now = 30_000;
    gone.markChannel('b');
    gone.markBridge('x');
    now = 61_000;
    gone.markChannel('c');
    expect(['a', 'b', 'c'].filter((id) => gone.isChannelGone(id))).to.deep.equal(['b', 'c']);
    expect(gone.isBridgeGone('x')).to.equal(true);
  });

  it('keeps at most its capacity during a burst, forgetting the oldest', () => {
    const gone = new KnownGone(3, 60_000, () => 0);
    for (const id of ['1', '2', '3', '4', '5']) gone.markChannel(id);
    expect(['1', '2', '3', '4', '5'].filter((id) => gone.isChannelGone(id))).to.deep.equal(['3', '4', '5']);
  });

  it('stays small through a long run of calls at a steady rate', () => {
    let now = 0;
    const gone = new KnownGone(20_000, 60_000, () => now);
    // 10,000 calls, one every 200 ms, each with three channels and a bridge destroyed.
    for (let call = 0; call < 10_000; call += 1) {
      now += 200;
      for (const leg of ['a', 'b', 'c']) gone.markChannel(`${call}-${leg}`);
      gone.markBridge(`bridge-${call}`);
    }
    // A minute of calls: 300 of them.
    expect(gone.size).to.be.at.most(4 * 301);
    expect(gone.isChannelGone('9999-a')).to.equal(true);
  });
});
