import type { CheckResult } from './checklist.js';
import type { ProbeApp, ProbeEvent } from './probe-app.js';

export interface ContextProbe {
  context: string;
  /** The argument Switchboard's app expects from this context: Stasis(app,internal). */
  role: 'internal' | 'inbound';
  /** A number the probe dials: no user's extension, so no phone rings in a fallback. */
  number: string;
}

const PROBE_MS = 4000;

/**
 * A probe call into the context must reach the Stasis app with the context's role, and,
 * when the app is not there, go on to the fallback. The probe is a Local channel whose
 * dialplan half carries SWITCHBOARD_APP set to the doctor's own app (a channel variable
 * shadows the [globals] one), so a running controller never sees it. For the fallback,
 * SWITCHBOARD_APP names an app nobody runs and SWITCHBOARD_FALLBACK_OPERATOR is empty, so
 * the fallback plays its message rather than ringing the operator.
 */
export async function probeContext(probe: ProbeApp, target: ContextProbe): Promise<CheckResult[]> {
  const stasis = await probeCall(probe, target, probe.name);
  const stasisResult = judgeStasis(target, probe.name, stasis);
  if (stasisResult.status === 'fail') {
    return [stasisResult, { name: `context ${target.context}: fallback when the controller is down`, status: 'skip', detail: 'the context does not reach Stasis' }];
  }
  const fallback = await probeCall(probe, target, `${probe.name}-absent`);
  return [stasisResult, judgeFallback(target, fallback)];
}

interface ProbeOutcome {
  /** Where the dialplan half went: its ChannelDialplan, StasisStart and end events. */
  steps: ProbeEvent[];
  stasisStart?: ProbeEvent;
  answered: boolean;
  error?: string;
}

async function probeCall(probe: ProbeApp, target: ContextProbe, appVariable: string): Promise<ProbeOutcome> {
  const caller = probe.channelId();
  const dialplanHalf = probe.channelId();
  try {
    await probe.rest.request('POST', '/channels/create', {
      endpoint: `Local/${target.number}@${target.context}`, app: probe.name, channelId: caller, otherChannelId: dialplanHalf,
    }, { variables: { SWITCHBOARD_APP: appVariable, SWITCHBOARD_FALLBACK_OPERATOR: '' } });
    // Subscribe before dialling: the dialplan half runs only once dialled, so no step is missed.
    await probe.rest.request('POST', `/applications/${encodeURIComponent(probe.name)}/subscription`, { eventSource: `channel:${dialplanHalf}` });
    await probe.dial(caller);
  } catch (error) {
    return { steps: [], answered: false, error: (error as Error).message };
  }
  const ofHalf = (e: ProbeEvent) => e.channel?.id === dialplanHalf;
  await probe.waitFor((e) => ofHalf(e) && (e.type === 'StasisStart' || e.type === 'ChannelDestroyed' || e.type === 'ChannelHangupRequest' || (e.type === 'ChannelStateChange' && e.channel?.state === 'Up'))
    || (e.channel?.id === caller && e.type === 'ChannelDestroyed'), PROBE_MS);
  await probe.rest.hangup(caller).catch(() => undefined);
  const steps = probe.events.filter(ofHalf);
  return {
    steps,
    stasisStart: steps.find((e) => e.type === 'StasisStart'),
    answered: steps.some((e) => e.type === 'ChannelStateChange' && e.channel?.state === 'Up'),
  };
}

const dialplanSteps = (outcome: ProbeOutcome) => outcome.steps.filter((e) => e.type === 'ChannelDialplan');
const describeStep = (e: ProbeEvent) => `${e.dialplan_app}(${e.dialplan_app_data ?? ''}) in ${e.channel?.dialplan.context}`;

function judgeStasis(target: ContextProbe, app: string, outcome: ProbeOutcome): CheckResult {
  const name = `context ${target.context}: calls reach the Stasis app`;
  const expected = `Stasis(\${SWITCHBOARD_APP},${target.role})`;
  if (outcome.error) return { name, status: 'fail', detail: `the probe call could not be placed: ${outcome.error}`, fix: `check that context ${target.context} exists (dialplan show ${target.context})` };
  const steps = dialplanSteps(outcome);
  if (outcome.stasisStart) {
    const args = outcome.stasisStart.args ?? [];
    if (args[0] !== target.role) {
      return { name, status: 'fail', detail: `Stasis got the arguments [${args.join(',')}]`, fix: `the context must run ${expected}: the controller routes by that argument` };
    }
    return { name, status: 'ok', detail: `a probe call to ${target.number} ran Stasis(${app},${args.join(',')})` };
  }
  if (steps.length === 0) {
    return { name, status: 'fail', detail: `a probe call to ${target.number} found nothing to run: no such context, or no extension matching ${target.number} in it`, fix: `copy the [${target.context}] context from asterisk-conf/extensions.conf (or set DIALPLAN_${target.role.toUpperCase()}_CONTEXT to the context your ${target.role === 'internal' ? 'phones' : 'trunks'} use), then \`dialplan reload\`` };
  }
  const stasisStep = steps.find((e) => e.dialplan_app === 'Stasis');
  if (stasisStep) {
    return {
      name, status: 'warn', detail: `the context runs Stasis(${stasisStep.dialplan_app_data}), naming the app directly; the doctor cannot probe it without disturbing the controller`,
      fix: `write ${expected} with SWITCHBOARD_APP in [globals], as asterisk-conf/extensions.conf does`,
    };
  }
  return { name, status: 'fail', detail: `a probe call to ${target.number} ran ${describeStep(steps[0]!)} and never Stasis`, fix: `start every extension of [${target.context}] with ${expected}, as asterisk-conf/extensions.conf does` };
}

function judgeFallback(target: ContextProbe, outcome: ProbeOutcome): CheckResult {
  const name = `context ${target.context}: fallback when the controller is down`;
  const fix = `after Stasis, send failed calls on: same => n,GotoIf($["\${STASISSTATUS}" = "FAILED"]?switchboard-fallback${target.role === 'inbound' ? '-inbound' : ''},\${EXTEN},1), with the fallback contexts of asterisk-conf/extensions.conf`;
  if (outcome.error) return { name, status: 'fail', detail: `the probe call could not be placed: ${outcome.error}`, fix };
  const steps = dialplanSteps(outcome);
  const afterStasis = steps.slice(steps.findIndex((e) => e.dialplan_app === 'Stasis') + 1);
  const elsewhere = afterStasis.filter((e) => e.channel?.dialplan.context !== target.context && e.dialplan_app !== 'Hangup');
  // Name the step a caller notices (Dial, Answer, Playback), not the Gotos that lead there.
  const onward = elsewhere.find((e) => !['GotoIf', 'Goto', 'NoOp', 'Set', 'ExecIf'].includes(e.dialplan_app ?? '')) ?? elsewhere[0];
  if (onward || outcome.answered) {
    return { name, status: 'ok', detail: `with no app, the call went on to ${onward ? describeStep(onward) : 'an answer'}` };
  }
  const last = steps.at(-1);
  return { name, status: 'fail', detail: `with no app, the call ended${last ? ` after ${describeStep(last)}` : ''}: a caller would hear nothing`, fix };
}
