import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Recogniser } from '../../../src/features/attendant/speech/recogniser.js';
import { expectNothingLeft, resetAsterisk } from '../../support/asterisk-state.js';
import type { Phone } from '../../support/phone.js';
import { startSwitchboard, type RunningSwitchboard } from '../../support/switchboard.js';
import { telephoneSpeech } from '../../support/voices.js';
import { waitFor } from '../../support/wait-for.js';
import { login } from '../voicemail/voicemail-support.js';
import { silence, startPhone, utterance } from './attendant-support.js';

const root = new URL('../../..', import.meta.url).pathname;

/**
 * Names are heard by default (issue 15): with `npm start`'s own configuration (no
 * ATTENDANT_NAME_SOUNDS_* variables, as in the Dockerfile and compose), "Did you mean …"
 * says the person's name, which Asterisk fetches from the controller over HTTP as it does
 * greetings, so a remote Asterisk hears it too; a user's own recorded name wins.
 */
describe('attendant: the caller hears the name in the default configuration (real Asterisk, real SIP phones)', function () {
  this.timeout(90_000);
  let sb: RunningSwitchboard;
  let caller: Phone;
  const dir = mkdtempSync(join(tmpdir(), 'attendant-names-'));
  let played: Array<{ uri: string; state: string }> = [];
  let listening = 0;
  const offs: Array<() => void> = [];

  before(async () => {
    await resetAsterisk();
    // Only what every test gets (store, ports, recordings dir): no name-sound settings.
    sb = await startSwitchboard({ seed: true });
    expect(sb.config.attendantNameSounds.asteriskDir).to.equal(undefined);
    for (const type of ['PlaybackStarted', 'PlaybackContinuing', 'PlaybackFinished'] as const) {
      offs.push(sb.app.ari.on(type, (e) => played.push({ uri: e.playback.media_uri, state: `${type}:${e.playback.state}` })));
    }
    offs.push(sb.app.ari.on('RecordingStarted', (e) => { if (e.recording.name.startsWith('attendant-')) listening += 1; }));
    caller = await startPhone('5550003', silence(dir), dir);
    utterance(dir, 'Mary Jones', 'flite-slt');
  });
  after(async () => {
    for (const off of offs) off();
    await caller?.stop();
    await sb?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => { played = []; listening = 0; await resetAsterisk(); await caller.useMicrophone(silence(dir)); });

  /** Calls the company number, says `name` after the tone, and returns the media played after it, up to the confirmation keys. */
  async function askFor(name: string): Promise<string[]> {
    const m = caller.mark();
    await caller.dial('5552000');
    await caller.waitForEvent('CALL_ESTABLISHED', 10_000, m);
    await waitFor('the attendant listening', () => listening >= 1, 30_000);
    await caller.useMicrophone(utterance(dir, name, 'flite-slt'));
    await waitFor('the confirmation played to its end', () => played.some((p) => p.uri.includes('attendant-confirm-keys')), 30_000);
    const m2 = caller.mark();
    await caller.hangup();
    await caller.waitForEvent('CALL_CLOSED', 10_000, m2);
    await expectNothingLeft();
    const from = played.findIndex((p) => p.uri.includes('attendant-did-you-mean'));
    return played.slice(from).map((p) => p.uri);
  }

  it('"Did you mean …" plays Mary\'s synthesised name, fetched by Asterisk over HTTP; the file says "Mary Jones"', async () => {
    const media = await askFor('Mary Jones');
    const name = media.find((uri) => uri.includes('/api/attendant/media/names/'));
    expect(name, `a name among ${JSON.stringify(media)}`).to.be.a('string');
    // Asterisk fetched it (its media cache holds the URL) …
    const url = name!.replace(/^sound:/, '');
    const cache = execFileSync('bash', [join(root, 'scripts/asterisk.sh'), 'rx', 'media cache show all'], { env: process.env }).toString();
    expect(cache).to.contain(new URL(url).pathname);
    // … and what it played says the name, recognised as a caller's ear would.
    const wav = Buffer.from(await (await fetch(url)).arrayBuffer());
    const heard = await new Recogniser().recognise(wav, { phrases: ['mary jones', 'mark jones', 'bob smith', 'carol white', 'olivia operator', 'erin executive'] });
    expect(heard.text).to.equal('mary jones');
    expect(media.indexOf(name!)).to.be.below(media.findIndex((uri) => uri.includes('attendant-extension')));
  });

  it('a user who recorded their name is announced with their own recording', async () => {
    const mary = await login(sb, '1005');
    const recording = telephoneSpeech(dir, 'festival-slt-hts', 'Mary Jones', { lead: 0.2, tail: 0.2 });
    expect((await mary.send('PUT', '/api/voicemail/greetings/name', readFileSync(recording), 'audio/wav')).status).to.equal(204);
    const media = await askFor('Mary Jones');
    const own = media.find((uri) => uri.includes('/api/voicemail/media/greetings/'));
    expect(own, `her recorded name among ${JSON.stringify(media)}`).to.be.a('string');
    expect(media.some((uri) => uri.includes('/api/attendant/media/names/')), 'no synthesised name then').to.equal(false);
    const wav = Buffer.from(await (await fetch(own!.replace(/^sound:/, ''))).arrayBuffer());
    expect((await new Recogniser().recognise(wav, { phrases: ['mary jones', 'mark jones', 'bob smith'] })).text).to.equal('mary jones');
  });
});
