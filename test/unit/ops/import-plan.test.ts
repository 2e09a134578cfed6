import { expect } from 'chai';
import { candidateFromEndpoint, describeImport, parseCallerId, planImport } from '../../../src/cli/import-plan.js';

describe('users import --from-asterisk: which endpoints become which users', () => {
  describe('caller ID as pjsip.conf writes it', () => {
    it('reads a quoted name and a number', () => {
      expect(parseCallerId('"Nadia Novak" <1019>')).to.deep.equal({ name: 'Nadia Novak', number: '1019' });
    });
    it('reads an unquoted name, escaped quotes, a number alone and a name alone', () => {
      expect(parseCallerId('Nadia <1019>')).to.deep.equal({ name: 'Nadia', number: '1019' });
      expect(parseCallerId('"Ann \\"Nan\\" Lee" <1019>')).to.deep.equal({ name: 'Ann "Nan" Lee', number: '1019' });
      expect(parseCallerId('1019')).to.deep.equal({ number: '1019' });
      expect(parseCallerId('Front desk')).to.deep.equal({ name: 'Front desk' });
    });
    it("takes Asterisk's <unknown> and an empty value as no caller ID", () => {
      expect(parseCallerId('<unknown>')).to.deep.equal({ name: undefined, number: undefined });
      expect(parseCallerId('')).to.deep.equal({});
      expect(parseCallerId(undefined)).to.deep.equal({});
    });
  });

  describe('an endpoint', () => {
    it('in the internal context is a user: extension and name from its caller ID', () => {
      expect(candidateFromEndpoint({ resource: 'nadia-desk', context: 'switchboard-internal', callerId: '"Nadia Novak" <1019>' }, 'switchboard-internal'))
        .to.deep.equal({ extension: '1019', name: 'Nadia Novak', device: 'PJSIP/nadia-desk' });
    });
    it('with no caller ID number takes its own name as the extension', () => {
      expect(candidateFromEndpoint({ resource: '1002', context: 'switchboard-internal', callerId: '<unknown>' }, 'switchboard-internal'))
        .to.deep.equal({ extension: '1002', name: undefined, device: 'PJSIP/1002' });
    });
    it('in another context (a trunk, an outside line) is skipped, saying why', () => {
      const result = candidateFromEndpoint({ resource: 'carrier', context: 'from-carrier' }, 'switchboard-internal');
      expect(result).to.have.property('skip').that.contains('from-carrier');
    });
    it('with no extension anywhere is skipped', () => {
      expect(candidateFromEndpoint({ resource: 'lobby', context: 'switchboard-internal', callerId: '"Lobby"' }, 'switchboard-internal')).to.have.property('skip').that.contains('no extension');
    });
  });

  describe('the plan', () => {
    const existing = [{ id: 1, extension: '1001', name: 'Ada Admin', devices: ['PJSIP/1001'] }, { id: 2, extension: '1002', name: 'Extension 1002', devices: ['PJSIP/1002'] }];
    it('creates the missing, renames a placeholder when caller ID now has a name, and leaves the rest', () => {
      const plan = planImport([
        { extension: '1001', name: 'Someone Else', device: 'PJSIP/1001', source: 'PJSIP/1001' },
        { extension: '1002', name: 'Bea Bell', device: 'PJSIP/1002', source: 'PJSIP/1002' },
        { extension: '1003', device: 'PJSIP/1003', source: 'PJSIP/1003' },
        { extension: '1019', name: 'Nadia Novak', device: 'PJSIP/1019', source: 'PJSIP/1019' },
      ], existing);
      expect(plan).to.deep.equal([
        { kind: 'unchanged', extension: '1001', name: 'Ada Admin', why: 'already a user' },
        { kind: 'rename', userId: 2, extension: '1002', from: 'Extension 1002', to: 'Bea Bell' },
        { kind: 'create', extension: '1003', name: 'Extension 1003', device: 'PJSIP/1003', nameFromCallerId: false },
        { kind: 'create', extension: '1019', name: 'Nadia Novak', device: 'PJSIP/1019', nameFromCallerId: true },
      ]);
    });
    it("skips a second endpoint claiming one extension, and a device that is already someone's", () => {
      const plan = planImport([
        { extension: '1005', device: 'PJSIP/1005', source: 'PJSIP/1005' },
        { extension: '1005', device: 'PJSIP/1005b', source: 'PJSIP/1005b' },
        { extension: '1009', device: 'PJSIP/1001', source: 'PJSIP/1001' },
      ], existing);
      expect(plan.map((a) => a.kind)).to.deep.equal(['create', 'skip', 'skip']);
      expect(plan[2]).to.have.property('why').that.contains('Ada Admin');
    });
    it('run again on its own result, changes nothing', () => {
      const candidates = [{ extension: '1019', name: 'Nadia Novak', device: 'PJSIP/1019', source: 'PJSIP/1019' }];
      const after = [...existing, { id: 3, extension: '1019', name: 'Nadia Novak', devices: ['PJSIP/1019'] }];
      expect(planImport(candidates, after).map((a) => a.kind)).to.deep.equal(['unchanged']);
    });
    it('a dry run says what would happen and that nothing changed', () => {
      const lines = describeImport([{ kind: 'create', extension: '1019', name: 'Nadia Novak', device: 'PJSIP/1019', nameFromCallerId: true }], true);
      expect(lines).to.deep.equal(['would create 1019 Nadia Novak (device PJSIP/1019, name from caller ID)', 'dry run: 1 to create, 0 to rename, 0 unchanged, 0 skipped; nothing was changed']);
      expect(describeImport([{ kind: 'create', extension: '1019', name: 'Nadia Novak', device: 'PJSIP/1019', nameFromCallerId: true }], false)[0]).to.match(/^created 1019/);
    });
  });
});
