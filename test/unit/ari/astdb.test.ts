import { expect } from 'chai';
import { AstDb } from '../../../src/ari/astdb.js';
import { FakeAri, settle } from '../../support/fake-ari.js';
import { fakeAstDbDialplan } from './fake-astdb-dialplan.js';

type Batch = { endpoint: string; context: string; channelId: string; otherChannelId: string; timeout: number; variables: Record<string, string> };

describe('AstDB through the dialplan: a batch of changes per Local channel', () => {
  let ari: FakeAri;
  let astdb: Map<string, string>;
  const sent = () => ari.requests('originateToDialplan').map(([b]) => b as Batch);

  beforeEach(() => {
    ari = new FakeAri();
    astdb = new Map([['switchboard/ext/1009', 'PJSIP/1009']]);
  });

  it('sends every change in one originate, the dialplan writes them, and the channel is hung up', async () => {
    fakeAstDbDialplan(ari, astdb);
    const listed = await new AstDb(ari).apply({ put: new Map([['ext/1002', 'PJSIP/1002'], ['did/5552002', 'PJSIP/1002&PJSIP/2008']]), remove: ['ext/1009'] }, ['ext', 'did']);

    expect(sent()).to.have.length(1);
    const [batch] = sent();
    expect(batch!.endpoint).to.equal('Local/apply@switchboard-astdb');
    expect(batch!.variables).to.deep.equal({
      SB_PUTS: '2', SB_PUT_0: 'ext/1002=PJSIP/1002', SB_PUT_1: 'did/5552002=PJSIP/1002&PJSIP/2008',
      SB_DELETES: '1', SB_DELETE_0: 'ext/1009', SB_APP: 'switchboard',
    });
    expect(Object.fromEntries(astdb)).to.deep.equal({ 'switchboard/ext/1002': 'PJSIP/1002', 'switchboard/did/5552002': 'PJSIP/1002&PJSIP/2008' });
    expect(Object.fromEntries(listed)).to.deep.equal({ ext: ['1002'], did: ['5552002'] });
    expect(ari.requests('hangup').map(([id]) => id)).to.deep.equal([batch!.channelId]);
  });

  it('splits a large directory into batches under Asterisk\'s 40,960-byte body limit, one after another', async () => {
    fakeAstDbDialplan(ari, astdb);
    const put = new Map(Array.from({ length: 2000 }, (_, i) => [`ext/${10000 + i}`, `PJSIP/${10000 + i}&PJSIP/2008`] as const));

    await new AstDb(ari).apply({ put });

    expect(sent().length).to.be.greaterThan(1);
    for (const batch of sent()) expect(JSON.stringify({ variables: batch.variables }).length).to.be.below(40_960);
    expect(sent().reduce((n, b) => n + Number(b.variables.SB_PUTS), 0)).to.equal(2000);
    expect(astdb.get('switchboard/ext/11999')).to.equal('PJSIP/11999&PJSIP/2008');
  });

  it('a batch the dialplan never confirms fails at its deadline, naming the context, and its channel is hung up', async () => {
    fakeAstDbDialplan(ari, astdb, { confirm: false });
    let failure: Error | undefined;
    const applying = new AstDb(ari, { timeoutMs: 5000 }).apply({ put: new Map([['ext/1002', 'PJSIP/1002']]) }).catch((error: Error) => { failure = error; });
    await settle();
    expect(failure).to.equal(undefined);

    await ari.fakeClock.advance(5000);
    await applying;

    expect(failure?.message).to.contain('switchboard-astdb');
    expect(ari.requests('hangup').map(([id]) => id)).to.deep.equal([sent()[0]!.channelId]);
    expect(sent()[0]!.timeout, 'a batch left behind ends on its own').to.be.at.most(6);
  });

  it('refuses a value the dialplan would read as more than text', async () => {
    fakeAstDbDialplan(ari, astdb);
    for (const value of ['PJSIP/1002,30', 'PJSIP/${EVIL}', 'a=b']) {
      let failure: Error | undefined;
      await new AstDb(ari).apply({ put: new Map([['ext/1002', value]]) }).catch((error: Error) => { failure = error; });
      expect(failure?.message, value).to.contain('not writable');
    }
    expect(sent()).to.have.length(0);
  });
});
