import { expect } from 'chai';
import { Ari } from '../../../src/ari/ari.js';
import type { AriBridge, AriChannel } from '../../../src/ari/ari-types.js';
import { systemClock } from '../../../src/clock.js';
import type { CallSession } from '../../../src/calls/call-session.js';
import { OrphanSweep } from '../../../src/calls/orphan-sweep.js';
import { SessionTracker } from '../../../src/calls/session-tracker.js';
import { createLogger } from '../../../src/log.js';
import { FakeAriServer } from './fake-ari-server.js';

const GRACE = 60_000;
const channel = (id: string, over: Partial<AriChannel> = {}): AriChannel => ({
  id, name: `PJSIP/${id}`, state: 'Up', caller: { name: '', number: '' }, connected: { name: '', number: '' },
  dialplan: { context: 'switchboard-internal', exten: '1007', priority: 1, app_name: 'Stasis', app_data: 'switchboard,internal' },
  creationtime: '2026-12-01T21:00:00.000+0000', ...over,
});
const bridge = (id: string, channels: string[]): AriBridge => ({ id, technology: 'simple_bridge', bridge_type: 'mixing', bridge_class: 'stasis', name: '', channels });

describe('the orphan sweep: what no call owns is cleared after a grace period, nothing else', () => {
  let server: FakeAriServer;
  let ari: Ari;
  let tracker: SessionTracker;
  let sweep: OrphanSweep;
  let asterisk: { channels: AriChannel[]; bridges: AriBridge[]; subscribed?: string[] };
  const deleted = () => server.received.filter((r) => r.method === 'DELETE').map((r) => r.path.replace(/\?.*$/, '').replace('/ari', ''));

  beforeEach(async () => {
    asterisk = { channels: [], bridges: [] };
    server = new FakeAriServer((req) => {
      if (req.method === 'GET' && req.url === '/ari/channels') return { status: 200, afterMs: 1, body: asterisk.channels };
      if (req.method === 'GET' && req.url === '/ari/bridges') return { status: 200, afterMs: 1, body: asterisk.bridges };
      if (req.method === 'GET' && req.url === '/ari/applications/switchboard' && asterisk.subscribed) {
        return { status: 200, afterMs: 1, body: { name: 'switchboard', channel_ids: asterisk.subscribed, bridge_ids: [], endpoint_ids: [], device_names: [] } };
      }
      return { status: 204, afterMs: 1 };
    });
    const url = await server.start();
    ari = new Ari({ url, user: 'u', password: 'p', app: 'switchboard' }, createLogger('silent'));
    tracker = new SessionTracker();
    sweep = new OrphanSweep({ ari, tracker, log: createLogger('silent'), clock: systemClock }, { intervalMs: 30_000, graceMs: GRACE });
  });
  afterEach(async () => {
    for (const session of tracker.all()) await session.end('test over');
    await server.stop();
  });

  it('hangs up a channel in our app that no session owns once it was seen unowned for the grace period', async () => {
    asterisk.channels = [channel('lost')];
    expect((await sweep.sweep(0)).hungUp).to.deep.equal([]);
    expect((await sweep.sweep(GRACE - 1)).hungUp, 'not before the grace period').to.deep.equal([]);
    expect((await sweep.sweep(GRACE)).hungUp).to.deep.equal(['lost']);
    expect(deleted()).to.deep.equal(['/channels/lost']);
  });

  it('leaves alone channels a session owns, channels of other applications, and a channel that became owned meanwhile', async () => {
    asterisk.channels = [
      channel('owned'),
      channel('theirs', { dialplan: { context: 'x', exten: 's', priority: 1, app_name: 'Stasis', app_data: 'another-app,foo' } }),
      channel('in-dialplan', { dialplan: { context: 'x', exten: 's', priority: 1, app_name: 'Dial', app_data: 'PJSIP/1007' } }),
      channel('late-bound'),
    ];
    tracker.bindChannel('owned', {} as CallSession);
    await sweep.sweep(0);
    // The flow that created `late-bound` binds it to its session after the first pass saw it.
    tracker.bindChannel('late-bound', {} as CallSession);
    await sweep.sweep(GRACE);
    tracker.unbindChannel('late-bound', {} as CallSession);
    expect(deleted()).to.deep.equal([]);
  });

  it('hangs up a leg we originated that still rings for no session, not the far half of a Local leg nor a leg a session owns', async () => {
    // An originated leg enters Stasis only once answered: ringing, only the app's subscription says it is ours.
    const ringing: Partial<AriChannel> = { dialplan: { context: 'default', exten: 's', priority: 1, app_name: '', app_data: '' }, state: 'Ringing' };
    const lost = 'executive-assistant-0b1c2d3e-4f50-4617-8899-aabbccddeeff';
    const owned = 'plain-callee-1a2b3c4d-5e6f-4a0b-8c9d-0e1f2a3b4c5d';
    asterisk.channels = [
      channel(lost, ringing),
      channel(`${lost};2`, { dialplan: { context: 'switchboard-pstn', exten: '5550001', priority: 2, app_name: 'Dial', app_data: 'PJSIP/5550001@carrier' }, state: 'Ring' }),
      channel(owned, ringing),
      channel('someone-elses-6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d', ringing),
    ];
    asterisk.subscribed = [lost, `${lost};2`, owned];
    tracker.bindChannel(owned, {} as CallSession);
    await sweep.sweep(0);
    expect((await sweep.sweep(GRACE)).hungUp).to.deep.equal([lost]);
  });

  it('counts the grace period again for a channel that was owned in between', async () => {
    asterisk.channels = [channel('handed-over')];
    await sweep.sweep(0);
    const owner = {} as CallSession;
    tracker.bindChannel('handed-over', owner);
    await sweep.sweep(GRACE / 2);
    tracker.unbindChannel('handed-over', owner);
    expect((await sweep.sweep(GRACE)).hungUp, 'seen unowned again only now').to.deep.equal([]);
    expect((await sweep.sweep(GRACE * 2)).hungUp).to.deep.equal(['handed-over']);
  });

  it('destroys an empty bridge of ours but not one another application made, nor one a live CallBridge watches', async () => {
    const ours = 'executive-0b7c6a52-9a43-4f7e-9a59-5b0c1d2e3f40';
    const watched = 'plain-1b7c6a52-9a43-4f7e-9a59-5b0c1d2e3f41';
    asterisk.bridges = [bridge(ours, []), bridge('conference-room', []), bridge(watched, [])];
    const stopWatching = ari.onBridge(watched, () => undefined);
    await sweep.sweep(0);
    const swept = await sweep.sweep(GRACE);
    stopWatching();
    expect(swept.destroyed).to.deep.equal([ours]);
    expect(deleted()).to.deep.equal([`/bridges/${ours}`]);
  });

  it('adopts an answered call whose two parties are bridged but owned by no session, and hangs up a lone orphan leg', async () => {
    asterisk.channels = [channel('caller'), channel('callee'), channel('ringing-leg', { state: 'Ringing', dialplan: { context: '', exten: '', priority: 1, app_name: 'Stasis', app_data: '' } })];
    asterisk.bridges = [bridge('plain-2b7c6a52-9a43-4f7e-9a59-5b0c1d2e3f42', ['caller', 'callee'])];
    await sweep.sweep(0);
    const swept = await sweep.sweep(GRACE);
    expect(swept.adopted).to.deep.equal(['plain-2b7c6a52-9a43-4f7e-9a59-5b0c1d2e3f42']);
    expect(swept.hungUp).to.deep.equal(['ringing-leg']);
    expect(tracker.isTracked('caller') && tracker.isTracked('callee'), 'the adopted call owns both parties').to.equal(true);
  });

  it('does not destroy a bridge that holds a channel someone owns', async () => {
    asterisk.channels = [channel('orphan'), channel('owned')];
    asterisk.bridges = [bridge('plain-3b7c6a52-9a43-4f7e-9a59-5b0c1d2e3f43', ['orphan', 'owned'])];
    tracker.bindChannel('owned', {} as CallSession);
    await sweep.sweep(0);
    const swept = await sweep.sweep(GRACE);
    expect(swept.destroyed).to.deep.equal([]);
    expect(swept.hungUp).to.deep.equal(['orphan']);
  });
});
