import { expect } from 'chai';
import { isDialableNumber, isSubCode, parseFeatureCode } from '../../../src/features/executive/policy/feature-code.js';

describe('feature code parser (PRODUCT.md section 2)', () => {
  it('reads each code alone, with no parts', () => {
    for (const code of ['#61', '#62', '#63', '#64', '#65', '#66', '*11', '*15', '*14', '*97', '*98']) {
      expect(parseFeatureCode(code), code).to.deep.equal({ code, parts: [] });
    }
  });

  it('is no feature code: an extension, an unknown code, a letter', () => {
    expect(parseFeatureCode('1002')).to.equal(undefined);
    expect(parseFeatureCode('#60')).to.equal(undefined);
    expect(parseFeatureCode('*12')).to.equal(undefined);
    expect(parseFeatureCode('#64abc')).to.equal(undefined);
    expect(parseFeatureCode('')).to.equal(undefined);
  });

  it('#64 with the executive and the destination separated by # (`#64 1002 # 5551234`)', () => {
    expect(parseFeatureCode('#641002#5551234')).to.deep.equal({ code: '#64', parts: ['1002', '5551234'] });
  });

  it('#64 with * as the separator', () => {
    expect(parseFeatureCode('#641002*5551234')).to.deep.equal({ code: '#64', parts: ['1002', '5551234'] });
  });

  it('a # right after the code is a separator too, and a trailing # (the send key) is no part', () => {
    expect(parseFeatureCode('#64#1002#5551234#')).to.deep.equal({ code: '#64', parts: ['1002', '5551234'] });
    expect(parseFeatureCode('#641002#')).to.deep.equal({ code: '#64', parts: ['1002'] });
    expect(parseFeatureCode('#64#')).to.deep.equal({ code: '#64', parts: [] });
  });

  it('#64 with only the executive: the destination is missing (to be prompted)', () => {
    expect(parseFeatureCode('#641002')).to.deep.equal({ code: '#64', parts: ['1002'] });
  });

  it('#64 <executive> *11 and *15 are the assistant\'s retrieve and bridge', () => {
    expect(parseFeatureCode('#641002*11')).to.deep.equal({ code: '#64', parts: ['1002', '*11'] });
    expect(parseFeatureCode('#641002*15')).to.deep.equal({ code: '#64', parts: ['1002', '*15'] });
    expect(parseFeatureCode('#641002#*11')).to.deep.equal({ code: '#64', parts: ['1002', '*11'] });
    expect(isSubCode('*11')).to.equal(true);
    expect(isSubCode('11')).to.equal(false);
  });

  it('#64 <executive> *14<number> calls the E.164 number', () => {
    expect(parseFeatureCode('#641002*1415551234')).to.deep.equal({ code: '#64', parts: ['1002', '+15551234'] });
    // Separated by #, a part starting with 14 is just digits.
    expect(parseFeatureCode('#641002#1415')).to.deep.equal({ code: '#64', parts: ['1002', '1415'] });
  });

  it('*14 replaces itself with + (`*145551234` → +5551234)', () => {
    expect(parseFeatureCode('*145551234')).to.deep.equal({ code: '*14', parts: ['+5551234'] });
    expect(parseFeatureCode('*14445551234#')).to.deep.equal({ code: '*14', parts: ['+445551234'] });
    expect(parseFeatureCode('*14*55')).to.equal(undefined);
  });

  it('#65 / #66 take the executive; #63 takes the warm-push variant', () => {
    expect(parseFeatureCode('#651002')).to.deep.equal({ code: '#65', parts: ['1002'] });
    expect(parseFeatureCode('#66#1002')).to.deep.equal({ code: '#66', parts: ['1002'] });
    expect(parseFeatureCode('#631')).to.deep.equal({ code: '#63', parts: ['1'] });
    expect(parseFeatureCode('#63*1')).to.deep.equal({ code: '#63', parts: ['1'] });
  });

  it('*98 takes the mailbox and the PIN', () => {
    expect(parseFeatureCode('*981005#1234')).to.deep.equal({ code: '*98', parts: ['1005', '1234'] });
    expect(parseFeatureCode('*97')).to.deep.equal({ code: '*97', parts: [] });
  });

  it('a dialable number is digits, optionally + first', () => {
    expect(isDialableNumber('1002')).to.equal(true);
    expect(isDialableNumber('+445551234')).to.equal(true);
    expect(isDialableNumber('*11')).to.equal(false);
    expect(isDialableNumber('1')).to.equal(false);
    expect(isDialableNumber(undefined)).to.equal(false);
  });
});
