import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { hearWav } from '../../../src/cli/doctor/fallback-checks.js';

/** An 8 kHz 16-bit mono WAV of `parts`: [seconds, amplitude 0..1] of a 440 Hz tone (0: silence). */
function tone(parts: Array<[number, number]>): Buffer {
  const samples: number[] = [];
  for (const [seconds, amplitude] of parts) {
    for (let i = 0; i < seconds * 8000; i += 1) samples.push(Math.round(amplitude * 32767 * Math.sin((2 * Math.PI * 440 * i) / 8000)));
  }
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((s, i) => data.writeInt16LE(s, i * 2));
  return data;
}

const wav = (parts: Array<[number, number]>): Buffer => wavOf(tone(parts));

function wavOf(data: Buffer): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0); header.writeUInt32LE(36 + data.length, 4); header.write('WAVE', 8);
  header.write('fmt ', 12); header.writeUInt32LE(16, 16); header.writeUInt16LE(1, 20); header.writeUInt16LE(1, 22);
  header.writeUInt32LE(8000, 24); header.writeUInt32LE(16000, 28); header.writeUInt16LE(2, 32); header.writeUInt16LE(16, 34);
  header.write('data', 36); header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

describe('switchboard doctor: telling the safety music from Asterisk\'s default class by ear', () => {
  it('the shipped lead-in, then music: a second of silence, then loud', () => {
    // The shipped file's samples (its header is the plain 44 bytes), then a loud tone.
    const leadIn = readFileSync('sounds/safety-music-lead-in.wav').subarray(44);
    const heard = hearWav(wavOf(Buffer.concat([leadIn, tone([[1, 0.3]])])));
    expect(heard.silentFor).to.be.within(0.9, 1.1);
    expect(heard.loudAt).to.be.within(0.9, 1.1);
  });

  it('music from the first note (a class Asterisk lacks plays its default): no lead-in', () => {
    expect(hearWav(wav([[2, 0.3]]))).to.deep.equal({ silentFor: 0, loudAt: 0 });
  });

  it('a slow fade-in is not a silent lead-in, even while it is still quiet', () => {
    const heard = hearWav(wav([[0.5, 0.003], [0.5, 0.006], [1, 0.3]]));
    expect(heard.silentFor).to.equal(0);
  });

  it('silence throughout: no music at all', () => {
    expect(hearWav(wav([[3, 0]]))).to.deep.equal({ silentFor: 3 });
  });
});
