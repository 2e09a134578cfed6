import { expect } from 'chai';
import { saveAssistantSettings } from '../../../src/features/executive/settings/executive-repository.js';
import { bridgedDevices, expectNothingLeft, resetAsterisk } from '../../support/asterisk-state.js';
import { startPhones } from '../../support/phones.js';
import { startSwitchboard, type RunningSwitchboard } from '../../support/switchboard.js';
import { waitFor } from '../../support/wait-for.js';
import { erinFilters } from './filtering-support.js';

describe('executive call filtering: an assistant diverting to an outside number (real Asterisk, real phones)', () => {
  let sb: RunningSwitchboard;
  let phones: Awaited<ReturnType<typeof startPhones<'alice' | 'aaron' | 'mary' | 'mobile'>>>;

  before(async () => {
    await resetAsterisk();
    sb = await startSwitchboard({ seed: true });
    phones = await startPhones({ alice: '1003', aaron: '1004', mary: '1005', mobile: '5550002' });
  });
  after(async () => {
    await phones?.stopAll();
    await sb?.stop();
  });
  beforeEach(resetAsterisk);

  it('sequential, Alice diverts to 5550002: her turn rings that number through the trunk, not her phone; it answers and talks with Mary', async () => {
    await erinFilters(sb, { alerting: { mode: 'sequential', ringsToAdvance: 5, secondsPerRing: 1 } });
    await saveAssistantSettings(sb.app.db, sb.demo!.assistants[0].id, { enabled: true, number: '5550002' });
    const { alice, aaron, mary, mobile } = phones;
    const [a, r, m, o] = [alice.mark(), aaron.mark(), mary.mark(), mobile.mark()];
    await mary.dial('1002');
    const incoming = await mobile.waitForEvent('CALL_INCOMING', 10_000, o);
    expect(incoming.peerdisplayname).to.equal('Erin Executive - Mary Jones');
    expect(alice.has('CALL_INCOMING', a) || aaron.has('CALL_INCOMING', r), 'Alice diverts; Aaron waits his turn').to.equal(false);
    await mobile.answer();
    await mary.waitForEvent('CALL_ESTABLISHED', 10_000, m);
    await waitFor('Mary bridged with the trunk leg', async () => (await bridgedDevices()).flat().includes('PJSIP/1005') && (await bridgedDevices()).flat().includes('PJSIP/5550002'), 3000);
    const bridged = await bridgedDevices();
    expect(bridged.flat()).to.include('PJSIP/1005').and.include('PJSIP/5550002');
    expect(bridged.flat().some((d) => d.startsWith('Local/5550002@switchboard-pstn')), `through the trunk: ${JSON.stringify(bridged)}`).to.equal(true);
    await mary.hangup();
    await mobile.waitForEvent('CALL_CLOSED', 10_000, o);
    await expectNothingLeft();
  });
});
