import { expect } from 'chai';
import { runDoctor } from '../../../src/cli/doctor/doctor.js';
import { loadConfig } from '../../../src/config.js';
import { createUser, deleteUser } from '../../../src/users/settings/user-repository.js';
import { asteriskRest, resetAsterisk, expectNothingLeft } from '../../support/asterisk-state.js';
import { startPhones } from '../../support/phones.js';
import { startSwitchboard, type RunningSwitchboard } from '../../support/switchboard.js';
import { asteriskCli, asteriskEnv, checkLine, switchboardCommand } from './ops-support.js';
import { mkdtempSync, copyFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('switchboard doctor against the local Asterisk', () => {
  let sb: RunningSwitchboard;
  let env: Record<string, string>;

  before(async () => {
    await resetAsterisk();
    sb = await startSwitchboard({ seed: true });
    // The doctor reads the controller's own configuration: its store and HTTP port.
    env = { DATABASE_URL: sb.config.database.url, HTTP_PORT: String(sb.app.httpPort) };
  });
  after(async () => { await sb?.stop(); });
  beforeEach(resetAsterisk);

  const doctor = (extraEnv: Record<string, string> = {}, args: string[] = []) => switchboardCommand(['doctor', ...args], { ...env, ...extraEnv });

  it('passes on a correctly set up Asterisk, calling out through the trunk to a phone that answers', async () => {
    const phones = await startPhones({ outside: '5550001' });
    try {
      const mark = phones.outside.mark();
      const running = doctor({}, ['--trunk-number', '5550001']);
      await phones.outside.waitForEvent('CALL_INCOMING', 15_000, mark);
      await phones.outside.answer();
      const { code, out } = await running;
      expect(code, out).to.equal(0);
      for (const check of ['ARI reachable', 'organisation and administrator', "users' devices are Asterisk endpoints", 'ARI events websocket',
        'controller connected as Stasis app switchboard', 'Asterisk modules', 'context switchboard-internal: calls reach the Stasis app',
        'context switchboard-internal: fallback', 'context switchboard-inbound: calls reach the Stasis app', 'context switchboard-inbound: fallback',
        'dialplan context switchboard-astdb', 'safety music classes switchboard-safety, switchboard-safety-renewed',
        'Asterisk fetches media from the controller', 'Switchboard prompts installed', 'outbound trunk']) {
        expect(checkLine(out, check).line, out).to.match(/^\[ok\]/);
      }
      expect(out).to.match(/15 passed, 0 failed/);
    } finally {
      await phones.stopAll();
    }
    await expectNothingLeft();
  });

  it('wrong ARI password: fails, naming ari.conf, and skips what needs ARI', async () => {
    const { code, out } = await doctor({ ARI_PASSWORD: 'not-the-password' });
    expect(code).to.equal(1);
    const ari = checkLine(out, 'ARI reachable');
    expect(ari.line, out).to.match(/^\[FAIL\].*refused these credentials \(401\)/);
    expect(ari.fix, out).to.contain('ari.conf');
    expect(checkLine(out, 'everything else').line, out).to.match(/^\[skip\].*needs ARI/);
  });

  it('nothing at ARI_URL: fails, naming http.conf', async () => {
    const { code, out } = await doctor({ ARI_URL: 'http://127.0.0.1:9' });
    expect(code).to.equal(1);
    expect(checkLine(out, 'ARI reachable').line, out).to.match(/^\[FAIL\].*nothing answered/);
    expect(checkLine(out, 'ARI reachable').fix, out).to.contain('http.conf');
  });

  it('a module Switchboard needs is not loaded: fails, naming it and how to load it', async () => {
    await asteriskRest.request('DELETE', '/asterisk/modules/res_ari_device_states.so');
    try {
      const { code, out } = await doctor();
      expect(code).to.equal(1);
      const modules = checkLine(out, 'Asterisk modules');
      expect(modules.line, out).to.match(/^\[FAIL\].*res_ari_device_states\.so is not loaded \(ARI \/deviceStates: busy lamps\)/);
      expect(modules.fix, out).to.contain('module load res_ari_device_states.so');
    } finally {
      await asteriskRest.request('POST', '/asterisk/modules/res_ari_device_states.so');
    }
  });

  it('a context name the dialplan does not have: fails, saying to copy the context', async () => {
    const { code, out } = await doctor({ DIALPLAN_INBOUND_CONTEXT: 'switchboard-missing' });
    expect(code).to.equal(1);
    const stasis = checkLine(out, 'context switchboard-missing: calls reach the Stasis app');
    expect(stasis.line, out).to.match(/^\[FAIL\].*no such context/);
    expect(stasis.fix, out).to.contain('[switchboard-missing]');
    expect(checkLine(out, 'context switchboard-missing: fallback').line, out).to.match(/^\[skip\]/);
    expect(checkLine(out, 'context switchboard-internal: calls reach the Stasis app').line, out).to.match(/^\[ok\]/);
    await expectNothingLeft();
  });

  it('a context that never sends calls to Stasis: fails, saying what it ran instead', async () => {
    const { code, out } = await doctor({ DIALPLAN_INBOUND_CONTEXT: 'switchboard-pstn' });
    expect(code).to.equal(1);
    const stasis = checkLine(out, 'context switchboard-pstn: calls reach the Stasis app');
    expect(stasis.line, out).to.match(/^\[FAIL\].*ran Dial\(PJSIP\/5550199.*and never Stasis/);
    expect(stasis.fix, out).to.contain('Stasis(${SWITCHBOARD_APP},inbound)');
    await expectNothingLeft();
  });

  it('a context with no fallback (reloaded into the dialplan): fails, showing the GotoIf to add', async () => {
    await asteriskCli('dialplan add extension _X.,1,Stasis(${SWITCHBOARD_APP},inbound) into doctor-no-fallback');
    await asteriskCli('dialplan add extension _X.,2,Hangup() into doctor-no-fallback');
    try {
      const { code, out } = await doctor({ DIALPLAN_INBOUND_CONTEXT: 'doctor-no-fallback' });
      expect(code).to.equal(1);
      expect(checkLine(out, 'context doctor-no-fallback: calls reach the Stasis app').line, out).to.match(/^\[ok\]/);
      const fallback = checkLine(out, 'context doctor-no-fallback: fallback');
      expect(fallback.line, out).to.match(/^\[FAIL\].*the call ended after Hangup\(\).*a caller would hear nothing/);
      expect(fallback.fix, out).to.contain('GotoIf($["${STASISSTATUS}" = "FAILED"]?switchboard-fallback-inbound');
    } finally {
      await asteriskCli('dialplan remove context doctor-no-fallback');
    }
    await expectNothingLeft();
  });

  it('no [switchboard-astdb] context: fails, saying to copy it into extensions.conf', async () => {
    await asteriskCli('dialplan remove context switchboard-astdb');
    try {
      const { code, out } = await doctor();
      expect(code).to.equal(1);
      const astdb = checkLine(out, 'dialplan context switchboard-astdb');
      expect(astdb.line, out).to.match(/^\[FAIL\].*found nothing to run: no such context/);
      expect(astdb.fix, out).to.contain('[switchboard-astdb] context from asterisk-conf/extensions.conf into your extensions.conf');
      expect(checkLine(out, 'context switchboard-inbound: calls reach the Stasis app').line, out).to.match(/^\[ok\]/);
    } finally {
      await asteriskCli('dialplan reload');
    }
    await expectNothingLeft();
  });

  it('a safety music class Asterisk does not have: fails, naming musiconhold.conf', async () => {
    const config = loadConfig({ ...asteriskEnv(), ...env });
    const { ok, lines } = await runDoctor(config, { safetyMusicClasses: ['switchboard-safety', 'switchboard-safety-missing'] });
    const out = lines.join('\n');
    expect(ok).to.equal(false);
    const music = checkLine(out, 'safety music classes switchboard-safety, switchboard-safety-missing');
    expect(music.line, out).to.match(/^\[FAIL\].*switchboard-safety-missing: sound from 0\.\d s, without the silent lead-in/);
    expect(music.line, out).not.to.match(/switchboard-safety: /);
    expect(music.fix, out).to.contain('musiconhold.conf');
    await expectNothingLeft();
  });

  it('a MEDIA_BASE_URL nothing serves: fails, saying how to set it', async () => {
    const { code, out } = await doctor({ MEDIA_BASE_URL: 'http://127.0.0.1:9' });
    expect(code).to.equal(1);
    const media = checkLine(out, 'Asterisk fetches media from the controller');
    expect(media.line, out).to.match(/^\[FAIL\].*nothing serves http:\/\/127\.0\.0\.1:9\/api\/media-probe\.wav/);
    expect(media.fix, out).to.contain('MEDIA_BASE_URL');
  });

  it('a prompt that is not installed: fails, naming it and where prompts go', async () => {
    const expected = mkdtempSync(join(tmpdir(), 'doctor-prompts-'));
    try {
      for (const file of readdirSync('sounds').slice(0, 3)) copyFileSync(join('sounds', file), join(expected, file));
      copyFileSync(join('sounds', 'core-goodbye.wav'), join(expected, 'core-brand-new-prompt.wav'));
      const config = loadConfig({ ...asteriskEnv(), ...env });
      const { ok, lines } = await runDoctor(config, { promptsDir: expected });
      const out = lines.join('\n');
      expect(ok).to.equal(false);
      const prompts = checkLine(out, 'Switchboard prompts installed');
      expect(prompts.line, out).to.match(/^\[FAIL\].*1 of 4 missing: core-brand-new-prompt/);
      expect(prompts.fix, out).to.contain('sounds/en/switchboard/');
    } finally {
      rmSync(expected, { recursive: true, force: true });
    }
  });

  it('a user whose device is not an endpoint: fails, naming the user and the device', async () => {
    const org = await sb.app.db.selectFrom('organisations').select('id').executeTakeFirstOrThrow();
    const ghost = await createUser(sb.app.db, org.id, { extension: '1999', name: 'Gus Ghost' });
    try {
      const { code, out } = await doctor();
      expect(code).to.equal(1);
      const devices = checkLine(out, "users' devices are Asterisk endpoints");
      expect(devices.line, out).to.match(/^\[FAIL\].*1999 Gus Ghost: PJSIP\/1999 is not an endpoint/);
      expect(devices.fix, out).to.contain('pjsip.conf');
    } finally {
      await deleteUser(sb.app.db, ghost.id);
    }
  });

  it('an outbound trunk that does not answer, and one that does not exist: fails, saying why', async () => {
    const unanswered = await doctor({}, ['--trunk-number', '5550002']);
    expect(unanswered.code).to.equal(1);
    expect(checkLine(unanswered.out, 'outbound trunk').line).to.match(/^\[FAIL\].*calling 5550002: the call ended unanswered/);
    const missing = await doctor({ OUTBOUND_DIAL_STRING: 'PJSIP/{number}@no-such-trunk' });
    expect(missing.code).to.equal(1);
    const trunk = checkLine(missing.out, 'outbound trunk');
    expect(trunk.line).to.match(/^\[FAIL\].*PJSIP endpoint no-such-trunk does not exist/);
    expect(trunk.fix).to.contain('OUTBOUND_DIAL_STRING');
    await expectNothingLeft();
  });

  it('an empty store: fails, saying to run switchboard init', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'doctor-empty-'));
    try {
      const { code, out } = await doctor({ DATABASE_URL: `sqlite:${join(dir, 'empty.db')}` });
      expect(code).to.equal(1);
      const store = checkLine(out, 'organisation and administrator');
      expect(store.line, out).to.match(/^\[FAIL\].*nobody can sign in/);
      expect(store.fix, out).to.contain('switchboard init');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
