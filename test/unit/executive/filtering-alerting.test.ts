import { expect } from 'chai';
import {
  alertingSeconds, assistantRingSeconds, assistantsToAlert, LONGEST_ALERTING_SECONDS, callerIdForAssistant, nextToRing, rolloverDecision, secondsBeforeAdvance,
} from '../../../src/features/executive/policy/alerting.js';
import { alertInfoTable, DEFAULT_ALERT_INFO, deviceFamily, phoneFamilyOf, screeningAlertInfo, screeningTargets } from '../../../src/features/executive/policy/screening.js';
import { defaultExecutiveSettings, type AlertingSettings, type PoolMember } from '../../../src/features/executive/settings/executive-settings.js';

const member = (id: number, over: Partial<PoolMember> = {}): PoolMember => ({
  assistantId: id, extension: String(1000 + id), name: `A${id}`, position: id, optedIn: true, divert: { enabled: false, number: null }, ...over,
});
const alerting = (over: Partial<AlertingSettings> = {}): AlertingSettings => ({ ...defaultExecutiveSettings(1).alerting, ...over });
const rollover = (over: Partial<AlertingSettings['rollover']> = {}) => ({ enabled: true, waitSeconds: 30, action: 'voicemail' as const, forwardNumber: null, ...over });

describe('executive alerting (policy)', () => {
  describe('assistantsToAlert', () => {
    it('opted-in assistants in pool order', () => {
      const pool = [member(3, { position: 2 }), member(1, { position: 0 }), member(2, { position: 1, optedIn: false })];
      expect(assistantsToAlert(pool).map((t) => t.assistantId)).to.deep.equal([1, 3]);
    });
    it('a diverting assistant is replaced by the divert number, in the same place', () => {
      const pool = [member(0), member(1, { divert: { enabled: true, number: '5550009' } }), member(2)];
      const targets = assistantsToAlert(pool);
      expect(targets.map((t) => t.kind)).to.deep.equal(['assistant', 'divert', 'assistant']);
      expect(targets[1]).to.include({ kind: 'divert', number: '5550009', assistantId: 1 });
    });
    it('divert on without a number rings the assistant', () => {
      expect(assistantsToAlert([member(0, { divert: { enabled: true, number: null } })])[0]!.kind).to.equal('assistant');
    });
    it('an opted-out diverting assistant is not alerted at all', () => {
      expect(assistantsToAlert([member(0, { optedIn: false, divert: { enabled: true, number: '5550009' } })])).to.deep.equal([]);
    });
    it('nobody opted in: nobody to alert', () => {
      expect(assistantsToAlert([member(0, { optedIn: false })])).to.deep.equal([]);
    });
  });

  describe('who rings next', () => {
    it('simultaneous: everyone at once, then nobody', () => {
      expect(nextToRing(['a', 'b', 'c'], 0, 'simultaneous')).to.deep.equal(['a', 'b', 'c']);
      expect(nextToRing(['a', 'b', 'c'], 3, 'simultaneous')).to.deep.equal([]);
    });
    it('sequential: one after another in order, then nobody', () => {
      expect(nextToRing(['a', 'b'], 0, 'sequential')).to.deep.equal(['a']);
      expect(nextToRing(['a', 'b'], 1, 'sequential')).to.deep.equal(['b']);
      expect(nextToRing(['a', 'b'], 2, 'sequential')).to.deep.equal([]);
    });
    it('a ring lasts secondsPerRing (6 s by default)', () => {
      expect(secondsBeforeAdvance(alerting({ ringsToAdvance: 3 }))).to.equal(18);
      expect(secondsBeforeAdvance(alerting({ ringsToAdvance: 2, secondsPerRing: 2 }))).to.equal(4);
    });
    it('a leg rings until the advance, and never past rollover', () => {
      expect(assistantRingSeconds(alerting({ mode: 'sequential', ringsToAdvance: 2, rollover: rollover({ enabled: false }) }))).to.equal(12);
      expect(assistantRingSeconds(alerting({ mode: 'sequential', ringsToAdvance: 5, rollover: rollover({ waitSeconds: 10 }) }))).to.equal(10);
      expect(assistantRingSeconds(alerting({ mode: 'simultaneous', rollover: rollover({ waitSeconds: 20 }) }))).to.equal(20);
    });
    it('simultaneous legs ring for the whole wait, however long (no 120 s cap)', () => {
      expect(assistantRingSeconds(alerting({ mode: 'simultaneous', rollover: rollover({ waitSeconds: 300 }) }))).to.equal(300);
      expect(assistantRingSeconds(alerting({ mode: 'simultaneous', rollover: rollover({ waitSeconds: 7200 }) }))).to.equal(7200);
      expect(alertingSeconds(alerting({ rollover: rollover({ waitSeconds: 150 }) }))).to.equal(150);
    });
    it('rollover off: legs ring until the caller gives up, bounded only by the longest wait the settings accept', () => {
      expect(assistantRingSeconds(alerting({ mode: 'simultaneous', rollover: rollover({ enabled: false }) }))).to.equal(LONGEST_ALERTING_SECONDS);
      expect(alertingSeconds(alerting({ rollover: rollover({ enabled: false, waitSeconds: 10 }) }))).to.equal(LONGEST_ALERTING_SECONDS);
      expect(LONGEST_ALERTING_SECONDS).to.equal(7200);
    });
  });

  describe('rollover', () => {
    it('keeps ringing before the wait time while someone rings', () => {
      expect(rolloverDecision({ rollover: rollover(), secondsSinceAlerting: 29, ringingNow: 1, leftToTry: 0 })).to.deep.equal({ action: 'keep-ringing' });
    });
    it('rolls over on the timer', () => {
      expect(rolloverDecision({ rollover: rollover(), secondsSinceAlerting: 30, ringingNow: 2, leftToTry: 1 })).to.deep.equal({ action: 'rollover', why: 'timer' });
    });
    it('no timer when rollover is off', () => {
      expect(rolloverDecision({ rollover: rollover({ enabled: false }), secondsSinceAlerting: 9999, ringingNow: 1, leftToTry: 0 })).to.deep.equal({ action: 'keep-ringing' });
    });
    it('rolls over whenever nobody is ringing and nobody is left, even with rollover off', () => {
      expect(rolloverDecision({ rollover: rollover({ enabled: false }), secondsSinceAlerting: 1, ringingNow: 0, leftToTry: 0 })).to.deep.equal({ action: 'rollover', why: 'nobody-left' });
    });
    it('nobody ringing but someone left to try: keep going (sequential advances)', () => {
      expect(rolloverDecision({ rollover: rollover(), secondsSinceAlerting: 1, ringingNow: 0, leftToTry: 1 })).to.deep.equal({ action: 'keep-ringing' });
    });
  });

  describe('caller ID the assistant sees', () => {
    const executive = { name: 'Erin Executive', number: '1002' };
    const originator = { name: 'Bob Smith', number: '5550001' };
    const seen = (name: AlertingSettings['callerIdName'], number: AlertingSettings['callerIdNumber']) =>
      callerIdForAssistant(alerting({ callerIdName: name, callerIdNumber: number }), executive, originator);

    it('each name mode', () => {
      const number = { mode: 'originator' as const, custom: null };
      expect(seen({ mode: 'executive', custom: null }, number).name).to.equal('Erin Executive');
      expect(seen({ mode: 'executive-originator', custom: null }, number).name).to.equal('Erin Executive - Bob Smith');
      expect(seen({ mode: 'originator-executive', custom: null }, number).name).to.equal('Bob Smith - Erin Executive');
      expect(seen({ mode: 'originator', custom: null }, number).name).to.equal('Bob Smith');
      expect(seen({ mode: 'custom', custom: 'Erin line' }, number).name).to.equal('Erin line');
    });
    it('each number mode', () => {
      const name = { mode: 'originator' as const, custom: null };
      expect(seen(name, { mode: 'executive', custom: null }).number).to.equal('1002');
      expect(seen(name, { mode: 'originator', custom: null }).number).to.equal('5550001');
      expect(seen(name, { mode: 'custom', custom: '5552999' }).number).to.equal('5552999');
    });
    it('custom without text falls back to the executive', () => {
      expect(seen({ mode: 'custom', custom: null }, { mode: 'custom', custom: null })).to.deep.equal(executive);
    });
    it('an originator without a name shows the number, without either "Unknown"', () => {
      expect(callerIdForAssistant(alerting({ callerIdName: { mode: 'originator', custom: null } }), executive, { name: '', number: '5550001' }).name).to.equal('5550001');
      expect(callerIdForAssistant(alerting({ callerIdName: { mode: 'originator', custom: null } }), executive, { name: '', number: '' }).name).to.equal('Unknown');
    });
  });

  describe('screening', () => {
    const locations = [
      { id: 1, kind: 'primary' as const, address: 'PJSIP/1002', ringsForIncoming: true, label: null },
      { id: 2, kind: 'shared' as const, address: 'PJSIP/2002', ringsForIncoming: true, label: null },
      { id: 3, kind: 'shared' as const, address: 'PJSIP/2003', ringsForIncoming: false, label: null },
      { id: 4, kind: 'anywhere' as const, address: '5550005', ringsForIncoming: false, label: null },
      { id: 5, kind: 'mobile' as const, address: '5550006', ringsForIncoming: false, label: null },
    ];
    const screening = (over = {}) => ({ enabled: true, alertType: 'silent' as const, alertShared: false, alertAnywhere: false, alertMobile: false, ...over });

    it('off: nothing rings the executive', () => {
      expect(screeningTargets(screening({ enabled: false }), locations)).to.deep.equal([]);
    });
    it('on: the main location always', () => {
      expect(screeningTargets(screening(), locations).map((t) => t.address)).to.deep.equal(['PJSIP/1002']);
    });
    it('and the chosen kinds of extra location (shared ones only if they ring for incoming calls)', () => {
      expect(screeningTargets(screening({ alertShared: true }), locations).map((t) => t.address)).to.deep.equal(['PJSIP/1002', 'PJSIP/2002']);
      expect(screeningTargets(screening({ alertAnywhere: true, alertMobile: true }), locations).map((t) => t.address)).to.deep.equal(['PJSIP/1002', '5550005', '5550006']);
    });
    it('alert hint: ring splash or silent, in the words each phone family knows', () => {
      expect(screeningAlertInfo('ring-splash', 'generic')['Alert-Info']).to.contain('ring-splash');
      expect(screeningAlertInfo('silent', 'generic')['Alert-Info']).to.contain('alert-silent');
      expect(screeningAlertInfo('silent', 'yealink')['Alert-Info']).to.equal('<http://127.0.0.1>;info=ringtone-9');
      expect(screeningAlertInfo('ring-splash', 'yealink')['Alert-Info']).to.equal('<http://127.0.0.1>;info=ringtone-10');
      expect(screeningAlertInfo('silent', 'polycom')['Alert-Info']).to.contain('info=visual');
      expect(screeningAlertInfo('ring-splash', 'cisco')['Alert-Info']).to.contain('Bellcore-dr5');
    });
    it('the administrator\'s values replace a family\'s defaults, one alert type at a time', () => {
      const table = alertInfoTable({ polycom: { silent: '<http://127.0.0.1>;info=quiet' } });
      expect(screeningAlertInfo('silent', 'polycom', table)['Alert-Info']).to.equal('<http://127.0.0.1>;info=quiet');
      expect(screeningAlertInfo('ring-splash', 'polycom', table)['Alert-Info']).to.equal(DEFAULT_ALERT_INFO.polycom['ring-splash']);
      expect(DEFAULT_ALERT_INFO.polycom.silent, 'the defaults are untouched').to.contain('info=visual');
    });
    it('the family comes from the User-Agent, unless the device is configured', () => {
      expect(phoneFamilyOf('Yealink SIP-T46S 66.86.0.15')).to.equal('yealink');
      expect(phoneFamilyOf('PolycomVVX-VVX_450-UA/6.4.3.5018')).to.equal('polycom');
      expect(phoneFamilyOf('Poly/CCX_600 7.2.0')).to.equal('polycom');
      expect(phoneFamilyOf('Cisco/SPA504G-7.6.2')).to.equal('cisco');
      expect(phoneFamilyOf('Cisco-CP8845-3PCC/11.3.7_')).to.equal('cisco');
      expect(phoneFamilyOf('Grandstream GXP2170 1.0.11.23')).to.equal('grandstream');
      expect(phoneFamilyOf('baresip v1.0.0 (x86_64/linux)')).to.equal('generic');
      expect(phoneFamilyOf(undefined)).to.equal('generic');
      expect(deviceFamily('PJSIP/1002', 'baresip v1.0.0', { 'PJSIP/1002': 'yealink' })).to.equal('yealink');
      expect(deviceFamily('PJSIP/1003', 'Grandstream GXP2170', { 'PJSIP/1002': 'yealink' })).to.equal('grandstream');
    });
  });
});
