import { expect } from 'chai';
import { planDestination, ringingDevices } from '../../../src/features/executive/policy/call-control-destination.js';
import { callToActOn } from '../../../src/features/executive/flows/retrieve-bridge.js';
import { promptFor } from '../../../src/features/executive/flows/initiate-on-behalf.js';
import { ExecutiveCallRegistry, type ExecutiveCall, type ExecutiveCallParty } from '../../../src/features/executive/executive-calls.js';

const erin = { name: 'Erin Executive', extension: '1002', dids: ['5552002'] };
const trunk = 'Local/{number}@switchboard-pstn';

describe('call-control destination (#64 initiate on behalf)', () => {
  it('an internal user rings on their devices and sees the executive by extension', () => {
    const plan = planDestination('1007', { name: 'Bob Smith', extension: '1007', targets: ['PJSIP/1007'] }, erin, trunk);
    expect(plan).to.deep.equal({
      kind: 'internal', targets: ['PJSIP/1007'],
      callerId: { name: 'Erin Executive', number: '1002' },
      display: { name: 'Bob Smith', number: '1007' },
    });
  });

  it('an outside number goes out through the trunk and sees the executive\'s DID', () => {
    const plan = planDestination('5550001', undefined, erin, trunk);
    expect(plan).to.deep.include({ kind: 'external', targets: ['Local/5550001@switchboard-pstn'] });
    expect(plan.kind !== 'invalid' && plan.callerId).to.deep.equal({ name: 'Erin Executive', number: '5552002' });
  });

  it('an executive without a DID shows the extension outside', () => {
    const plan = planDestination('+445551234', undefined, { ...erin, dids: [] }, trunk);
    expect(plan.kind !== 'invalid' && plan.callerId.number).to.equal('1002');
    expect(plan.kind !== 'invalid' && plan.targets).to.deep.equal(['Local/+445551234@switchboard-pstn']);
  });

  it('an E.164 number is never taken for an extension', () => {
    const plan = planDestination('+1007', { name: 'Bob Smith', extension: '1007', targets: ['PJSIP/1007'] }, erin, trunk);
    expect(plan.kind).to.equal('external');
  });

  it('an unknown short number, or a user with no phone, is not valid', () => {
    expect(planDestination('1999', undefined, erin, trunk).kind).to.equal('invalid');
    expect(planDestination('1009', { name: 'Sales Mailbox', extension: '1009', targets: [] }, erin, trunk).kind).to.equal('invalid');
  });

  it('rings the primary device and the shared appearances that ring, once each', () => {
    expect(ringingDevices([
      { kind: 'primary', address: 'PJSIP/1002', ringsForIncoming: true },
      { kind: 'shared', address: 'PJSIP/2002', ringsForIncoming: true },
      { kind: 'shared', address: 'PJSIP/2003', ringsForIncoming: false },
      { kind: 'mobile', address: '5550009', ringsForIncoming: true },
      { kind: 'shared', address: 'PJSIP/1002', ringsForIncoming: true },
    ])).to.deep.equal(['PJSIP/1002', 'PJSIP/2002']);
  });

  it('the caller hears busy over no answer over unavailable', () => {
    expect(promptFor(['noanswer', 'busy'])).to.equal('core-busy');
    expect(promptFor(['noanswer', 'unavailable'])).to.equal('core-no-answer');
    expect(promptFor(['unavailable'])).to.equal('core-unavailable');
  });
});

describe('which executive call a retrieve or bridge acts on', () => {
  const call = (id: string, executiveId: number, handler: ExecutiveCallParty | undefined, answered = true): ExecutiveCall => ({
    id, executiveId, remote: { channelId: `r-${id}`, name: '', number: '' }, startedAt: new Date(0),
    handler: () => handler, isAnswered: () => answered, isOnHold: () => false,
    handOver: () => Promise.reject(new Error('not in a unit test')), join: () => Promise.reject(new Error('not in a unit test')),
  });
  const alice = { channelId: 'a', device: 'PJSIP/1003', userId: 3 };
  const erinsPhone = { channelId: 'e', device: 'PJSIP/1002', userId: 2 };

  it('the executive\'s answered call handled elsewhere, the latest first', () => {
    const calls = new ExecutiveCallRegistry();
    calls.register(call('1', 2, alice));
    calls.register(call('2', 2, { ...alice, channelId: 'a2' }));
    calls.register(call('3', 9, alice));
    expect(callToActOn(calls, 2, 'PJSIP/1002')?.id).to.equal('2');
  });

  it('not a call still ringing, another executive\'s, or one already on this device', () => {
    const calls = new ExecutiveCallRegistry();
    calls.register(call('1', 2, undefined, false));
    calls.register(call('2', 9, alice));
    calls.register(call('3', 2, erinsPhone));
    expect(callToActOn(calls, 2, 'PJSIP/1002')).to.equal(undefined);
  });
});
