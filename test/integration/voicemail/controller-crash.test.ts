import { rmSync } from 'node:fs';
import { expect } from 'chai';
import { audioStats } from '../../support/audio.js';
import { expectNothingLeft, resetAsterisk } from '../../support/asterisk-state.js';
import { startPhones } from '../../support/phones.js';
import { startSwitchboard, type RunningSwitchboard } from '../../support/switchboard.js';
import { waitFor } from '../../support/wait-for.js';
import { messagesIn, watchRecordings } from './voicemail-support.js';

describe('voicemail: a message is never lost when the controller dies (real Asterisk, real phones)', () => {
  let first: RunningSwitchboard | undefined;
  let second: RunningSwitchboard | undefined;
  let phones: Awaited<ReturnType<typeof startPhones<'mary' | 'bob'>>>;

  before(async () => {
    await resetAsterisk();
    phones = await startPhones({ mary: '1005', bob: '1007' });
  });
  after(async () => {
    await phones?.stopAll();
    await second?.stop();
    await first?.app.stop().catch(() => undefined);
    if (first) rmSync(first.dir, { recursive: true, force: true });
  });

  it('the controller dies while Mary records; Asterisk finishes the file; the next controller registers the message', async () => {
    const { mary } = phones;
    first = await startSwitchboard({ seed: true });
    await first.app.db.updateTable('users').set({ no_answer_seconds: 2 }).where('extension', '=', '1007').execute();
    const recordings = watchRecordings(first);
    const m = mary.mark();
    await mary.dial('1007');
    await mary.waitForEvent('CALL_ESTABLISHED', 15_000, m);
    const name = await recordings.waitForNext('vm-msg-', 30_000);
    await new Promise((r) => setTimeout(r, 2500)); // Mary speaks

    // The controller is gone: its ARI websocket closes and nothing it had in hand runs again.
    first.app.ari.connection.stop();
    await mary.hangup();
    await mary.waitForEvent('CALL_CLOSED', 10_000, m);
    expect(await messagesIn(first, '1007'), 'nothing registered by the dead controller').to.have.length(0);

    second = await startSwitchboard({ dir: first.dir });
    await waitFor('the orphaned recording registered by the new controller', async () => (await messagesIn(second!, '1007')).length === 1, 15_000);
    const [message] = await messagesIn(second, '1007');
    expect(message!.recording_name).to.equal(name);
    expect(message!.recovered).to.equal(1);
    expect(message!.caller_number, 'the caller is known from the pending record').to.equal('1005');
    const stats = audioStats(`${second.config.recordingsDir}/messages/${message!.audio_file}`);
    expect(stats.rms, 'the message holds Mary, not silence').to.be.greaterThan(0.05);
    expect(stats.seconds).to.be.greaterThan(1.5);
    await expectNothingLeft();
  });
});
