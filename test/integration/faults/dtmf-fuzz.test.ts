import { expect } from 'chai';
import fc from 'fast-check';
import { expectNothingLeft, resetAsterisk } from '../../support/asterisk-state.js';
import { startPhones } from '../../support/phones.js';
import { startSwitchboard, type RunningSwitchboard } from '../../support/switchboard.js';
import { waitFor } from '../../support/wait-for.js';
import { untilHealthy } from './fault-support.js';

/** Feature codes and numbers that lead to a prompt (PRODUCT.md section 2), and a few that do not exist. */
const PROMPTS = ['*97', '*98', '#64', '#65', '#66', '#61', '#62', '*11', '*15', '0', '*14', '#6', '*9', '#'];

/**
 * Real phones dial a code, then press random keys, including ones no prompt expects
 * (`*`, `#`, A–D), too many or none. Whatever they press: the controller does not crash,
 * every call is released, no session is left, and nothing fails unhandled.
 */
describe('faults: random and malformed DTMF at prompts (property-based, real Asterisk, real SIP phones)', function () {
  this.timeout(180_000);
  let sb: RunningSwitchboard;
  let phones: Awaited<ReturnType<typeof startPhones<'erin' | 'alice' | 'mary'>>>;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => { unhandled.push(reason); };

  before(async () => {
    process.on('unhandledRejection', onUnhandled);
    await resetAsterisk();
    sb = await startSwitchboard({ seed: true });
    phones = await startPhones({ erin: '1002', alice: '1003', mary: '1005' });
  });
  after(async () => {
    process.off('unhandledRejection', onUnhandled);
    await phones?.stopAll();
    await sb?.stop();
  });

  it('no crash, no call left behind, no stale session, whatever keys are pressed', async () => {
    const errorsBefore = await errorCount(sb.baseUrl);
    await fc.assert(fc.asyncProperty(
      fc.constantFrom('erin', 'alice', 'mary') as fc.Arbitrary<'erin' | 'alice' | 'mary'>,
      fc.constantFrom(...PROMPTS),
      fc.array(fc.constantFrom(...'0123456789*#ABCD'.split('')), { maxLength: 8 }),
      fc.constantFrom(false, false, true),
      async (who, code, keys, waitForTimeout) => {
        const phone = phones[who];
        const mark = phone.mark();
        await phone.dial(code);
        await waitFor(`${code} answered or refused`, () => phone.has('CALL_ESTABLISHED', mark) || phone.has('CALL_CLOSED', mark), 8000);
        if (phone.has('CALL_ESTABLISHED', mark) && !phone.has('CALL_CLOSED', mark)) {
          if (keys.length) await phone.press(keys.join(''));
          // Sometimes let the prompt time out (retries, then a refusal); sometimes hang up at once.
          if (waitForTimeout) await phone.waitForEvent('CALL_CLOSED', 15_000, mark).catch(() => undefined);
          if (!phone.has('CALL_CLOSED', mark)) await phone.hangup();
        }
        await phone.waitForEvent('CALL_CLOSED', 10_000, mark);
        await expectNothingLeft(10_000);
        await waitFor('no session left', () => sb.app.tracker.size === 0, 10_000,
          () => sb.app.tracker.all().map((s) => `${s.id}(${s.state})`).join(', '));
        return true;
      }), { numRuns: Number(process.env.DTMF_FUZZ_RUNS ?? 8), endOnFailure: true });
    await untilHealthy(sb.baseUrl);
    expect(unhandled.map(String), 'unhandled rejections').to.deep.equal([]);
    expect(await errorCount(sb.baseUrl), 'call flows that failed (switchboard_errors_total)').to.equal(errorsBefore);
  });
});

async function errorCount(baseUrl: string): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  return [...text.matchAll(/^switchboard_errors_total\{[^}]*\} (\d+)/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
}
