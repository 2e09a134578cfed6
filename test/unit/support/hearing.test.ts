import { expect } from 'chai';
import { BEEP_HZ, longestDeadAir, type HeardSlice } from '../../support/hearing.js';

/**
 * The chaos and fault stories judge "dead air" from slices of what a caller's phone
 * received. A caller speaking after the record beep hears nothing, and that is no dead air;
 * what the attendant leaves silent after it has answered is.
 */
const from = 1_000_000;
/** One 100 ms slice per character: `#` a prompt, `b` the beep, `r` in-band ringback, `.` silence, `_` no RTP. */
function slices(line: string): HeardSlice[] {
  return [...line].map((c, i) => ({
    at: from + (i + 1) * 100,
    samples: c === '_' ? 0 : 800,
    rms: c === '.' || c === '_' ? 0.0005 : 0.3,
    roughHz: c === 'b' ? BEEP_HZ : c === 'r' ? 470 : 300,
  }));
}
const deadAir = (line: string) => longestDeadAir({ from, to: from + line.length * 100, slices: slices(line), answeredAt: from }).seconds;

describe('hearing: dead air as a caller hears it', () => {
  it('counts the silence between two prompts', () => {
    expect(deadAir('#####...............#####')).to.be.closeTo(1.5, 0.01);
  });

  it('does not count the caller speaking after the beep, even when the beep ends in a slice that reads as no tone', () => {
    expect(deadAir('#####bbbb#..............................#####')).to.equal(0);
    expect(deadAir('#####bbbb..............................#####')).to.equal(0);
  });

  it('ends the recording at the next prompt: silence after it is dead air again', () => {
    expect(deadAir('#####bbbb#.........####.........................##')).to.be.closeTo(2.5, 0.01);
  });

  it('counts no RTP at all as silence, even after the beep: nothing is listening', () => {
    expect(deadAir('#####bbbb_________________________#####')).to.be.closeTo(2.5, 0.01);
  });

  it('does not count ringback\'s off time, even when the burst ends in slices that read as no tone', () => {
    expect(deadAir('####rrrrrrrrrrrrrrr#rr##.......................................#rr')).to.equal(0);
    expect(deadAir('####rrrrrrrrrrrrrrrrrrrr.......................................#rr')).to.equal(0);
  });

  it('does not count the off time after a burst whose three tail slices were read a few milliseconds late', () => {
    const line = `####${'r'.repeat(17)}###${'.'.repeat(39)}#rr`;
    const late = slices(line).map((slice, i) => (i >= 21 ? { ...slice, at: slice.at + 4 } : slice));
    expect(longestDeadAir({ from, to: from + line.length * 100, slices: late, answeredAt: from }).seconds).to.equal(0);
  });

  it('counts silence after ringback gave way to something else: the off time no longer runs', () => {
    expect(deadAir('####rrrrrrrrrrrrrrrrrrrr#####..............................####')).to.be.closeTo(3.0, 0.01);
    expect(deadAir('####rrrrrrrrrr' + '.'.repeat(50) + '####')).to.be.closeTo(0.7, 0.01);
  });
});
