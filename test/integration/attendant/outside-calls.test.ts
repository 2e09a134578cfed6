import { expect } from 'chai';
import { audioStats, heardTone } from '../../support/audio.js';
import { ApiClient } from '../../support/api-client.js';
import { bridgedDevices, expectNothingLeft, resetAsterisk } from '../../support/asterisk-state.js';
import { startPhones } from '../../support/phones.js';
import { startSwitchboard, type RunningSwitchboard } from '../../support/switchboard.js';
import { waitFor } from '../../support/wait-for.js';
import { answerNext, bridgedWithOutside, written } from '../executive/call-control-support.js';

/**
 * Internal phones call outside numbers through the organisation's outbound route
 * (PRODUCT.md 4): the dial prefix (9 by default) or a leading +, to the trunk
 * (OUTBOUND_DIAL_STRING), showing the organisation's caller ID. The "outside" phone
 * 5550001 sits behind the test PBX's trunk context (switchboard-pstn).
 */
describe('attendant: outside calls from internal phones (real Asterisk, real SIP phones)', function () {
  this.timeout(90_000);
  let sb: RunningSwitchboard;
  let admin: ApiClient;
  let phones: Awaited<ReturnType<typeof startPhones<'bob' | 'outside'>>>;

  before(async () => {
    await resetAsterisk();
    sb = await startSwitchboard({ seed: true, env: { OUTBOUND_ALLOWED_NUMBERS: '_555XXXX' } });
    admin = await ApiClient.signIn(sb.baseUrl, '1001', 'switchboard');
    phones = await startPhones({ bob: '1007', outside: '5550001' });
  });
  after(async () => {
    await phones?.stopAll();
    await sb?.stop();
  });
  beforeEach(resetAsterisk);

  it('Bob dials 9 5550001: the outside phone rings showing Acme Corp and the company number, and they talk', async () => {
    const { bob, outside } = phones;
    const [b, o] = [bob.mark(), outside.mark()];
    await bob.dial('95550001');
    const incoming = await answerNext(outside, o);
    expect(incoming.peerdisplayname, 'the organisation\'s name').to.equal('Acme Corp');
    expect(String(incoming.peeruri), 'the company DID, not Bob\'s extension').to.contain('5552000');
    await bob.waitForEvent('CALL_ESTABLISHED', 10_000, b);
    let bridged: string[][] = [];
    await waitFor('Bob bridged with the outside phone', async () => bridgedWithOutside(bridged = await bridgedDevices(), 'PJSIP/1007', '5550001'), 5000, () => JSON.stringify(bridged));
    expect(bridged.flat().some((d) => d.startsWith('Local/5550001@')), 'dialled without the prefix').to.equal(true);
    await new Promise((r) => setTimeout(r, 3000)); // they talk for three seconds
    await outside.hangup();
    await bob.waitForEvent('CALL_CLOSED', 10_000, b);
    await outside.waitForEvent('CALL_CLOSED', 10_000, o);
    expect(heardTone(await written(outside.recordings().at(-1)!), phones.toneOf(bob)), 'the outside phone heard Bob').to.equal(true);
    expect(heardTone(await written(bob.recordings().at(-1)!), phones.toneOf(outside)), 'Bob heard the outside phone').to.equal(true);
    await expectNothingLeft();
  });

  it('the administrator sets prefix 0 and caller ID Mary\'s DID: 0 5550001 goes out showing 5552005; 9 5550001 no longer does', async () => {
    expect((await admin.patch('/api/attendant/settings', { outboundPrefix: '0', outboundCallerId: '5552005' })).status).to.equal(200);
    try {
      const { bob, outside } = phones;
      const [b, o] = [bob.mark(), outside.mark()];
      await bob.dial('05550001');
      const incoming = await answerNext(outside, o);
      expect(String(incoming.peeruri)).to.contain('5552005');
      await bob.waitForEvent('CALL_ESTABLISHED', 10_000, b);
      await bob.hangup();
      await outside.waitForEvent('CALL_CLOSED', 10_000, o);
      await expectNothingLeft();

      const b2 = bob.mark();
      await bob.dial('95550001');
      await bob.waitForEvent('CALL_CLOSED', 20_000, b2);
      expect(outside.events.slice(o).filter((e) => e.type === 'CALL_INCOMING').length, 'the outside phone rang once only').to.equal(1);
      await expectNothingLeft();
    } finally {
      await admin.patch('/api/attendant/settings', { outboundPrefix: '9', outboundCallerId: null });
    }
  });

  it('a number outside the allow-list is refused with a prompt, and the trunk is never dialled', async () => {
    const { bob } = phones;
    const b = bob.mark();
    const lines: string[] = [];
    await bob.dial('90900123456');
    await bob.waitForEvent('CALL_ESTABLISHED', 10_000, b);
    await waitFor('the call refused', async () => {
      lines.push(...(await bridgedDevices()).flat());
      return bob.has('CALL_CLOSED', b);
    }, 20_000);
    expect(lines.some((d) => d.startsWith('Local/')), 'no trunk leg').to.equal(false);
    const heard = await written(bob.recordings().at(-1)!);
    expect(audioStats(heard).rms, 'Bob heard why (not silence)').to.be.greaterThan(0.01);
    await expectNothingLeft();
  });

  it('the API refuses a caller ID the organisation does not own and a prefix that is no digits, naming the field', async () => {
    const stolen = await admin.patch<{ fields?: Record<string, string> }>('/api/attendant/settings', { outboundCallerId: '5550009' });
    expect(stolen.status).to.equal(400);
    expect(JSON.stringify(stolen.body)).to.contain('outboundCallerId');
    const bad = await admin.patch('/api/attendant/settings', { outboundPrefix: 'PJSIP/' });
    expect(bad.status).to.equal(400);
    expect(JSON.stringify(bad.body)).to.contain('outboundPrefix');
  });
});
