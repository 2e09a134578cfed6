import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bridgedDevices, expectNothingLeft, resetAsterisk } from '../../support/asterisk-state.js';
import type { Phone } from '../../support/phone.js';
import { startPhones } from '../../support/phones.js';
import { startSwitchboard, type RunningSwitchboard } from '../../support/switchboard.js';
import { waitFor } from '../../support/wait-for.js';
import { TEST_VOICES, type Voice } from '../../support/voices.js';
import { nameSoundsEnv, silence, startPhone, utterance } from './attendant-support.js';

/**
 * The attendant by voice (PRODUCT.md 4 and 7): the outside caller's microphone is silent
 * until the attendant's beep, then plays speech at 8 kHz as a person would speak after
 * the tone, in two voices (test/support/voices.ts: flite's slt, natural, and espeak-ng,
 * the hardest for the recogniser): a name, an extension's digits, a name spelled aloud,
 * a pick from a list by voice.
 */
const SAID = ['Mary Jones', 'Mark Jones', 'yes', 'two', 'the second one', 'one zero zero eight', 'S, M, I, T, H', 'J, O, N, E, S'];

describe('attendant: speech dial-by-name (real Asterisk, real SIP phones, pocketsphinx)', function () {
  this.timeout(90_000);
  let sb: RunningSwitchboard;
  let caller: Phone;
  let phones: Awaited<ReturnType<typeof startPhones<'mary' | 'mark' | 'bob' | 'carol' | 'mary2'>>>;
  const voiceDir = mkdtempSync(join(tmpdir(), 'attendant-voices-'));
  let listening: string[] = [];
  let heard: string[] = [];
  const stopWatching: Array<() => void> = [];

  before(async () => {
    await resetAsterisk();
    sb = await startSwitchboard({ seed: true, env: nameSoundsEnv() });
    // The beep (the attendant starts listening) and the end of listening are what a caller hears.
    stopWatching.push(sb.app.ari.on('RecordingStarted', (e) => { if (e.recording.name.startsWith('attendant-')) listening.push(e.recording.name); }));
    stopWatching.push(sb.app.ari.on('RecordingFinished', (e) => { if (e.recording.name.startsWith('attendant-')) heard.push(e.recording.name); }));
    caller = await startPhone('5550003', silence(voiceDir), voiceDir);
    // Every utterance made before the calls: a caller answers at once, not after a synthesiser's run.
    for (const voice of TEST_VOICES) for (const text of SAID) utterance(voiceDir, text, voice);
    phones = await startPhones({ mary: '1005', mark: '1006', bob: '1007', carol: '1008', mary2: '1010' });
  });
  after(async () => {
    for (const stop of stopWatching) stop();
    await caller?.stop();
    await phones?.stopAll();
    await sb?.stop();
    rmSync(voiceDir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await resetAsterisk();
    listening = [];
    heard = [];
    await caller.useMicrophone(silence(voiceDir));
  });

  /** Waits for the attendant's beep (its `turn`-th recording: after a list read out, tens of seconds), then says `text`. */
  async function sayAfterTheTone(text: string, turn: number, voice: Voice = 'espeak-ng'): Promise<void> {
    await waitFor(`the attendant listening (turn ${turn})`, () => listening.length >= turn, 45_000);
    await caller.useMicrophone(utterance(voiceDir, text, voice));
  }
  /** After the caller spoke turn `turn`, the attendant's answer starts; the caller keys over it. */
  async function keyOverTheAnswer(turn: number, key: string): Promise<void> {
    await waitFor(`the attendant done listening (turn ${turn})`, () => heard.length >= turn, 20_000);
    await caller.useMicrophone(silence(voiceDir));
    await new Promise((r) => setTimeout(r, 1500));
    await caller.press(key);
  }
  async function callCompanyNumber(): Promise<void> {
    const m = caller.mark();
    await caller.dial('5552000');
    await caller.waitForEvent('CALL_ESTABLISHED', 10_000, m);
  }
  async function answers(phone: Phone, since: number): Promise<void> {
    const incoming = await phone.waitForEvent('CALL_INCOMING', 30_000, since);
    expect(String(incoming.peeruri)).to.contain('5550003');
    await phone.answer();
    await waitFor(`the caller bridged with ${phone.endpoint}`, async () => (await bridgedDevices()).some((d) => d.includes(`PJSIP/${phone.endpoint}`) && d.includes('PJSIP/5550003')), 10_000);
  }
  async function hangUpAndCheck(): Promise<void> {
    const m = caller.mark();
    await caller.hangup();
    await caller.waitForEvent('CALL_CLOSED', 10_000, m);
    await expectNothingLeft();
  }

  for (const voice of TEST_VOICES) {
    it(`[${voice}] the caller says "Mary Jones", is asked "Did you mean Mary Jones?", says "yes": Mary rings`, async () => {
      const m = phones.mary.mark();
      await callCompanyNumber();
      await sayAfterTheTone('Mary Jones', 1, voice);
      await sayAfterTheTone('yes', 2, voice);
      await answers(phones.mary, m);
      await waitFor('caller bridged with Mary', async () => JSON.stringify(await bridgedDevices()) === JSON.stringify([['PJSIP/1005', 'PJSIP/5550003']]), 10_000);
      await hangUpAndCheck();
    });

    // 1008: espeak-ng's "seven" is heard as "one" (the bench counts such misses; the caller then says no).
    it(`[${voice}] the caller says Carol's extension as digits, "one zero zero eight" (no keyword), confirms with "yes": Carol rings`, async () => {
      const [c, m] = [phones.carol.mark(), phones.mary.mark()];
      await callCompanyNumber();
      await sayAfterTheTone('one zero zero eight', 1, voice);
      await sayAfterTheTone('yes', 2, voice);
      await answers(phones.carol, c);
      expect(phones.mary.has('CALL_INCOMING', m)).to.equal(false);
      await hangUpAndCheck();
    });

    it(`[${voice}] the caller spells the last name "S, M, I, T, H" aloud, confirms with "yes": Bob Smith rings`, async () => {
      const b = phones.bob.mark();
      await callCompanyNumber();
      await sayAfterTheTone('S, M, I, T, H', 1, voice);
      await sayAfterTheTone('yes', 2, voice);
      await answers(phones.bob, b);
      await hangUpAndCheck();
    });

    it(`[${voice}] the caller spells "J, O, N, E, S" (Mary and Mark share it), hears the list and answers "two": Mark rings, Mary never does`, async () => {
      const [m, k] = [phones.mary.mark(), phones.mark.mark()];
      await callCompanyNumber();
      await sayAfterTheTone('J, O, N, E, S', 1, voice);
      await sayAfterTheTone('two', 2, voice); // "For Mary Jones … press 1. For Mark Jones … press 2. Or say the number after the tone."
      await answers(phones.mark, k);
      expect(phones.mary.has('CALL_INCOMING', m), 'the first of the list is never rung').to.equal(false);
      await hangUpAndCheck();
    });
  }

  it('the caller says "Mark Jones", answers no (key 2), then says "Mary Jones" and confirms with key 1: Mary rings, Mark never does', async () => {
    const [m, k] = [phones.mary.mark(), phones.mark.mark()];
    await callCompanyNumber();
    await sayAfterTheTone('Mark Jones', 1);
    await keyOverTheAnswer(1, '2'); // "Did you mean Mark Jones…?" — no
    await sayAfterTheTone('Mary Jones', 2);
    await keyOverTheAnswer(2, '1'); // "Did you mean Mary Jones…?" — yes
    await answers(phones.mary, m);
    expect(phones.mark.has('CALL_INCOMING', k), 'the rejected Mark is never rung').to.equal(false);
    await hangUpAndCheck();
  });

  it('homonyms: two people named Mary Jones are read as a numbered list; "the second one" picks the second (1010)', async () => {
    await sb.app.db.insertInto('users').values({ organisation_id: sb.demo!.organisationId, extension: '1010', name: 'Mary Jones', role: 'user', user_type: 'agent', aliases: '[]', hidden_from_directory: 0, logged_in: 1, no_answer_seconds: 20 } as never).execute();
    const row = await sb.app.db.selectFrom('users').select('id').where('extension', '=', '1010').executeTakeFirstOrThrow();
    await sb.app.db.insertInto('user_services').values({ user_id: row.id, service: 'attendant' }).execute();
    await sb.app.db.insertInto('locations').values({ user_id: row.id, kind: 'primary', address: 'PJSIP/1010', rings_for_incoming: 1, label: null }).execute();
    const [m, m2] = [phones.mary.mark(), phones.mary2.mark()];
    await callCompanyNumber();
    await sayAfterTheTone('Mary Jones', 1, 'flite-slt');
    await sayAfterTheTone('the second one', 2, 'flite-slt'); // "For Mary Jones, extension 1005, press 1. For Mary Jones, extension 1010, press 2."
    await answers(phones.mary2, m2);
    expect(phones.mary.has('CALL_INCOMING', m)).to.equal(false);
    await hangUpAndCheck();
  });
});
