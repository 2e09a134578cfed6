import { expect } from 'chai';
import { weakPasswordReason } from '../../../src/users/policy/password-strength.js';

describe('password strength for the first administrator', () => {
  const account = { email: 'ada@northwind.example', name: 'Ada Lovelace', extension: '1001', organisation: 'Northwind' };
  it('refuses short passwords', () => { expect(weakPasswordReason('Ab1!xyz', account)).to.contain('at least 10'); });
  it('refuses well-known passwords, also with a few characters added', () => {
    expect(weakPasswordReason('password123', account)).to.contain('well-known');
    expect(weakPasswordReason('Switchboard1', account)).to.contain('well-known');
  });
  it('refuses runs and repeats', () => {
    expect(weakPasswordReason('aaaaaaaaaaaa', account)).to.contain('different characters');
    expect(weakPasswordReason('abcdefghijk', account)).to.contain('run');
  });
  it("refuses the account's own name, e-mail, extension or organisation", () => {
    expect(weakPasswordReason('Lovelace#2026', account)).to.contain("account's");
    expect(weakPasswordReason('Northwind!77x', account)).to.contain("account's");
  });
  it('asks short passwords for three kinds of character', () => { expect(weakPasswordReason('harbourlights', account)).to.contain('three'); });
  it('accepts a mixed password and a long passphrase', () => {
    expect(weakPasswordReason('Tr1cky-Harbour', account)).to.equal(undefined);
    expect(weakPasswordReason('correct horse battery staple', account)).to.equal(undefined);
  });
});
