import { expect } from 'chai';
import { judgeDevice, judgeOutsideNumber, matchesNumberPattern, numberPatternRegex } from '../../../src/users/policy/dial-strings.js';

const endpoints = [{ technology: 'PJSIP', resource: '1001' }, { technology: 'PJSIP', resource: '1002' }, { technology: 'IAX2', resource: 'branch' }];

describe('dial strings: what Switchboard may store and dial later', () => {
  describe('a device', () => {
    it('is one Asterisk lists, spelled the way Asterisk spells it', () => {
      expect(judgeDevice('PJSIP/1001', endpoints)).to.deep.equal({ ok: true, kind: 'device', device: 'PJSIP/1001' });
      expect(judgeDevice('pjsip/1002', endpoints)).to.deep.equal({ ok: true, kind: 'device', device: 'PJSIP/1002' });
      expect(judgeDevice('IAX2/branch', endpoints)).to.deep.include({ ok: true });
    });

    it('refuses a Local channel into the trunk: it would dial a premium number past the allow-list', () => {
      const verdict = judgeDevice('Local/0900555123@switchboard-pstn', endpoints);
      expect(verdict).to.deep.include({ ok: false });
      expect(verdict.ok ? '' : verdict.reason).to.contain('Local');
    });

    it('refuses a SIP URI after the device: it would send an INVITE to any host', () => {
      const verdict = judgeDevice('PJSIP/1001/sip:attacker@203.0.113.5:5060', endpoints);
      expect(verdict.ok ? '' : verdict.reason).to.contain('SIP URIs and hosts');
      expect(judgeDevice('PJSIP/1001@203.0.113.5', endpoints)).to.deep.include({ ok: false });
      expect(judgeDevice('PJSIP/1001&PJSIP/1002', endpoints)).to.deep.include({ ok: false });
      expect(judgeDevice('PJSIP/1001,30,D(1)', endpoints)).to.deep.include({ ok: false });
    });

    it('refuses a well-formed device Asterisk does not know', () => {
      const verdict = judgeDevice('PJSIP/9999', endpoints);
      expect(verdict.ok ? '' : verdict.reason).to.equal('Asterisk has no endpoint PJSIP/9999');
    });
  });

  describe('an outside number', () => {
    it('with no allow-list, is any phone number', () => {
      expect(judgeOutsideNumber('0900555123', [])).to.deep.equal({ ok: true, kind: 'number', number: '0900555123' });
      expect(judgeOutsideNumber('+33123456789', [])).to.deep.include({ ok: true });
      expect(judgeOutsideNumber('12', [])).to.deep.include({ ok: false });
      expect(judgeOutsideNumber('555-1234', [])).to.deep.include({ ok: false });
    });

    it('with an allow-list, is one of its patterns and nothing else', () => {
      const allow = ['_555XXXX', '+331.', 'NXXNXXXXXX'];
      expect(judgeOutsideNumber('5550001', allow)).to.deep.include({ ok: true });
      expect(judgeOutsideNumber('+33123456789', allow)).to.deep.include({ ok: true });
      expect(judgeOutsideNumber('2125551234', allow)).to.deep.include({ ok: true });
      const premium = judgeOutsideNumber('0900555123', allow);
      expect(premium.ok ? '' : premium.reason).to.contain('not a number this system may dial out to');
    });
  });

  describe('number patterns, as in an Asterisk dialplan', () => {
    it('X, Z, N, classes, . and !', () => {
      expect(matchesNumberPattern('5551234', '555XXXX')).to.equal(true);
      expect(matchesNumberPattern('55512345', '555XXXX')).to.equal(false);
      expect(matchesNumberPattern('0123', 'ZXXX')).to.equal(false);
      expect(matchesNumberPattern('1123', 'ZXXX')).to.equal(true);
      expect(matchesNumberPattern('1123', 'NXXX')).to.equal(false);
      expect(matchesNumberPattern('3123', '[1-3]XXX')).to.equal(true);
      expect(matchesNumberPattern('+44', '+44!')).to.equal(true);
      expect(matchesNumberPattern('+44', '+44.')).to.equal(false);
    });

    it('anything else is not a pattern', () => {
      expect(numberPatternRegex('(.*)')).to.equal(undefined);
      expect(numberPatternRegex('[a-z]')).to.equal(undefined);
      expect(numberPatternRegex('')).to.equal(undefined);
    });
  });
});
