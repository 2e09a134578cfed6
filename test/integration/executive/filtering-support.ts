import { defaultExecutiveSettings, type AlertingSettings, type ExecutiveSettings, type ScreeningSettings } from '../../../src/features/executive/settings/executive-settings.js';
import { saveAssistantSettings, saveExecutiveSettings, setOptIn, setPool } from '../../../src/features/executive/settings/executive-repository.js';
import { expect } from 'chai';
import { bridgedDevices } from '../../support/asterisk-state.js';
import type { RunningSwitchboard } from '../../support/switchboard.js';
import { waitFor } from '../../support/wait-for.js';

/**
 * Erin (1002) with Alice (1003) then Aaron (1004), both opted in, nobody diverting,
 * filtering every call, simultaneous, 1-second rings, and the given changes on top.
 */
export async function erinFilters(sb: RunningSwitchboard, changes: {
  filtering?: Partial<ExecutiveSettings['filtering']>;
  alerting?: Partial<AlertingSettings>;
  screening?: Partial<ScreeningSettings>;
} = {}): Promise<void> {
  const demo = sb.demo!;
  const erin = demo.executive.id;
  const defaults = defaultExecutiveSettings(erin);
  await setPool(sb.app.db, erin, []);
  await setPool(sb.app.db, erin, demo.assistants.map((a) => a.id));
  for (const a of demo.assistants) {
    await setOptIn(sb.app.db, a.id, erin, true);
    await saveAssistantSettings(sb.app.db, a.id, { enabled: false, number: null });
  }
  await saveExecutiveSettings(sb.app.db, erin, {
    filtering: { ...defaults.filtering, enabled: true, mode: 'all', ...changes.filtering },
    screening: { ...defaults.screening, ...changes.screening },
    alerting: {
      ...defaults.alerting, mode: 'simultaneous', secondsPerRing: 1, ringsToAdvance: 3,
      rollover: { enabled: false, waitSeconds: 30, action: 'no-answer-processing', forwardNumber: null },
      ...changes.alerting,
    },
    allowOptInOut: true,
  });
  await sb.app.db.updateTable('users').set({ no_answer_seconds: 8 }).where('extension', 'in', ['1002', '1007']).execute();
}

/**
 * Who is bridged with whom, once the bridge has settled: a phone sees its call answered a
 * moment before Asterisk reports the answering leg in the bridge.
 */
export async function expectBridged(expected: string[][], timeoutMs = 3000): Promise<void> {
  let seen: string[][] = [];
  try {
    await waitFor('the expected bridge', async () => {
      seen = await bridgedDevices();
      return JSON.stringify(seen) === JSON.stringify(expected);
    }, timeoutMs);
  } catch {
    expect(seen).to.deep.equal(expected);
  }
}
