import { expect } from 'chai';
import { getExecutiveSettings, executivesOf, saveExecutiveSettings } from '../../../src/features/executive/settings/executive-repository.js';
import { asteriskRest, expectNothingLeft, resetAsterisk } from '../../support/asterisk-state.js';
import { audioStats } from '../../support/audio.js';
import type { Phone } from '../../support/phone.js';
import { AsteriskEvents } from '../../support/asterisk-events.js';
import { startPhones } from '../../support/phones.js';
import { startSwitchboard, type RunningSwitchboard } from '../../support/switchboard.js';
import { erinFilters } from './filtering-support.js';

describe('executive feature codes #61 #62 #65 #66 (real Asterisk, real phones)', () => {
  let sb: RunningSwitchboard;
  let events: AsteriskEvents;
  let phones: Awaited<ReturnType<typeof startPhones<'erin' | 'alice' | 'mary'>>>;

  before(async () => {
    await resetAsterisk();
    events = new AsteriskEvents();
    await events.start();
    sb = await startSwitchboard({ seed: true });
    phones = await startPhones({ erin: '1002', alice: '1003', mary: '1005' });
  });
  after(async () => {
    events?.stop();
    await phones?.stopAll();
    await sb?.stop();
  });
  beforeEach(async () => { await resetAsterisk(); await erinFilters(sb); });

  /** Dials a code; the switchboard answers, says something (never silence) and hangs up. */
  async function dialCode(phone: Phone, code: string, keys?: string[]): Promise<void> {
    const since = phone.mark();
    await phone.dial(code);
    await phone.waitForEvent('CALL_ESTABLISHED', 10_000, since);
    // A step `prompt:<sound>` waits until Asterisk has played that prompt to the phone (the
    // caller keys once asked); any other step is keys pressed.
    let heard = events.mark();
    for (const k of keys ?? []) {
      if (k.startsWith('prompt:')) {
        await events.waitForPlayback('PlaybackFinished', k.slice('prompt:'.length), heard, { device: `PJSIP/${phone.endpoint}` });
        heard = events.mark();
      } else {
        await phone.press(k);
      }
    }
    await phone.waitForEvent('CALL_CLOSED', 30_000, since);
    const recording = phone.recordings().at(-1);
    expect(recording, 'the call was recorded').to.be.a('string');
    expect(audioStats(recording!).rms, 'a prompt was heard, not silence').to.be.greaterThan(0.01);
  }
  const erinId = () => sb.demo!.executive.id;
  const aliceId = () => sb.demo!.assistants[0].id;
  const aliceOptedIn = async () => (await executivesOf(sb.app.db, aliceId())).find((e) => e.executiveId === erinId())!.optedIn;

  it('#62 then #61 from Erin\'s phone: filtering off then on, confirmed by a prompt, the lamp follows', async () => {
    await dialCode(phones.erin, '#62');
    expect((await getExecutiveSettings(sb.app.db, erinId())).filtering.enabled).to.equal(false);
    expect((await asteriskRest.deviceState('Stasis:exec-filter-1-1002')).state).to.equal('NOT_INUSE');
    await dialCode(phones.erin, '#61');
    expect((await getExecutiveSettings(sb.app.db, erinId())).filtering.enabled).to.equal(true);
    expect((await asteriskRest.deviceState('Stasis:exec-filter-1-1002')).state).to.equal('INUSE');
    await expectNothingLeft();
  });

  it('#62 from a phone that is not an executive\'s: refused with a prompt, nothing changes', async () => {
    await dialCode(phones.mary, '#62');
    expect((await getExecutiveSettings(sb.app.db, erinId())).filtering.enabled).to.equal(true);
    await expectNothingLeft();
  });

  it('#66#1002 and #651002 in the dial string: Alice opts out and back in', async () => {
    await dialCode(phones.alice, '#66#1002');
    expect(await aliceOptedIn()).to.equal(false);
    expect((await asteriskRest.deviceState('Stasis:exec-optin-1-1003-1002')).state).to.equal('NOT_INUSE');
    await dialCode(phones.alice, '#651002');
    expect(await aliceOptedIn()).to.equal(true);
    expect((await asteriskRest.deviceState('Stasis:exec-optin-1-1003-1002')).state).to.equal('INUSE');
  });

  it('#66 alone: asked for the executive; a wrong extension is "not valid, try again", then 1002# works', async () => {
    await dialCode(phones.alice, '#66', ['prompt:executive-enter-executive', '9999#', 'prompt:executive-enter-executive', '1002#']);
    expect(await aliceOptedIn()).to.equal(false);
  });

  it('busy-lamp keys: Alice presses *611002 (Erin\'s filter key) and *651003*1002 (her opt-in key): each toggles, the lamps follow', async () => {
    await dialCode(phones.alice, '*611002');
    expect((await getExecutiveSettings(sb.app.db, erinId())).filtering.enabled).to.equal(false);
    expect((await asteriskRest.deviceState('Stasis:exec-filter-1-1002')).state).to.equal('NOT_INUSE');
    await dialCode(phones.alice, '*651003*1002');
    expect(await aliceOptedIn()).to.equal(false);
    expect((await asteriskRest.deviceState('Stasis:exec-optin-1-1003-1002')).state).to.equal('NOT_INUSE');
    await dialCode(phones.mary, '*611002');
    expect((await getExecutiveSettings(sb.app.db, erinId())).filtering.enabled, 'Mary is in no pool').to.equal(false);
    await dialCode(phones.erin, '*611002');
    expect((await getExecutiveSettings(sb.app.db, erinId())).filtering.enabled).to.equal(true);
  });

  it('#65 refused with a prompt when Erin does not allow opting in and out, and for Mary who is in no pool', async () => {
    await dialCode(phones.alice, '#66#1002');
    await saveExecutiveSettings(sb.app.db, erinId(), { allowOptInOut: false });
    await dialCode(phones.alice, '#65#1002');
    expect(await aliceOptedIn(), 'still opted out').to.equal(false);
    await dialCode(phones.mary, '#65#1002');
    await expectNothingLeft();
  });
});
