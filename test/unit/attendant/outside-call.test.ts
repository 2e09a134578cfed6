import { expect } from 'chai';
import { outsideCallerId, planOutsideCall } from '../../../src/features/attendant/policy/outside-call.js';

describe('outside calls from internal phones (PRODUCT.md 4)', () => {
  const route = { prefix: '9', callerIdNumber: null };

  it('the prefix is taken off and the number goes to the trunk', () => {
    expect(planOutsideCall('95550001', route, [])).to.deep.equal({ action: 'dial', number: '5550001' });
  });
  it('a phone dialling +E.164 goes out whatever the prefix', () => {
    expect(planOutsideCall('+33123456789', route, [])).to.deep.equal({ action: 'dial', number: '+33123456789' });
  });
  it('the phone\'s send key (#) is no part of the number', () => {
    expect(planOutsideCall('95550001#', route, [])).to.deep.equal({ action: 'dial', number: '5550001' });
  });
  it('what does not start with the prefix is no outside call (the caller hears "not in service")', () => {
    expect(planOutsideCall('1999', route, [])).to.equal(undefined);
    expect(planOutsideCall('9', route, [])).to.equal(undefined);
  });
  it('no prefix configured: phones cannot dial out, not even with +', () => {
    expect(planOutsideCall('+33123456789', { prefix: null, callerIdNumber: null }, [])).to.equal(undefined);
  });
  it('a number outside OUTBOUND_ALLOWED_NUMBERS is refused, saying which numbers are allowed', () => {
    const plan = planOutsideCall('90900123456', route, ['_555XXXX']);
    expect(plan).to.deep.include({ action: 'refuse' });
    expect((plan as { reason: string }).reason).to.contain('_555XXXX');
  });
  it('what is no phone number is refused with the reason', () => {
    expect(planOutsideCall('912', route, [])).to.deep.include({ action: 'refuse' });
    expect(planOutsideCall('9555*0001', route, [])).to.deep.include({ action: 'refuse' });
  });

  it('caller ID: the route\'s number, else the company DID, else the caller\'s DID; the organisation\'s name', () => {
    const org = { name: 'Acme Corp', companyDid: '5552000' };
    const bob = { dids: ['5552007'], extension: '1007' };
    expect(outsideCallerId({ prefix: '9', callerIdNumber: '5552005' }, org, bob)).to.deep.equal({ name: 'Acme Corp', number: '5552005' });
    expect(outsideCallerId(route, org, bob)).to.deep.equal({ name: 'Acme Corp', number: '5552000' });
    expect(outsideCallerId(route, { ...org, companyDid: null }, bob)).to.deep.equal({ name: 'Acme Corp', number: '5552007' });
  });
});
