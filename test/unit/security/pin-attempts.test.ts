import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Kysely } from 'kysely';
import { DEMO_PIN, seedDemo, type DemoUsers } from '../../../src/demo/seed.js';
import { MailboxPins } from '../../../src/features/voicemail/settings/mailbox-pins.js';
import { getBox, resetPinFailures } from '../../../src/features/voicemail/settings/mailbox-repository.js';
import { voicemailMigrations } from '../../../src/features/voicemail/settings/migrations.js';
import { executiveMigrations } from '../../../src/features/executive/settings/migrations.js';
import { attendantMigrations } from '../../../src/features/attendant/settings/migrations.js';
import { openDatabase } from '../../../src/store/db.js';
import { migrateToLatest } from '../../../src/store/migrator.js';
import type { Database } from '../../../src/store/schema.js';
import { isAcceptablePin } from '../../../src/users/policy/pin-rules.js';
import { updateUserBody } from '../../../src/users/api/user-schemas.js';

describe('voicemail PIN attempts are counted in the store, atomically', function () {
  this.timeout(30_000);
  let dir: string;
  let db: Kysely<Database>;
  let demo: DemoUsers;
  let pins: MailboxPins;
  let mary: number;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'switchboard-pins-'));
    db = openDatabase(`sqlite:${join(dir, 'db.sqlite')}`);
    await migrateToLatest(db, [voicemailMigrations, executiveMigrations, attendantMigrations]);
    demo = await seedDemo(db);
    mary = demo.directory.find((u) => u.extension === '1005')!.id;
    pins = new MailboxPins(db, () => new Date('2026-12-01T12:00:00Z'));
  });
  afterEach(async () => { await db.destroy(); rmSync(dir, { recursive: true, force: true }); });

  it('20 parallel wrong guesses at a limit of 3: three are verified, the mailbox locks, the rest are refused unheard', async () => {
    const verdicts = await Promise.all(Array.from({ length: 20 }, (_, i) => pins.check(mary, String(5000 + i), 3)));
    expect(verdicts.filter((v) => v.verdict === 'wrong')).to.have.length(3);
    expect(verdicts.filter((v) => v.verdict === 'locked')).to.have.length(17);
    expect((await getBox(db, mary)).locked_at).to.equal('2026-12-01T12:00:00.000Z');
  });

  it('the right PIN among parallel guesses does not unlock a mailbox the others locked', async () => {
    const verdicts = await Promise.all([...Array.from({ length: 10 }, (_, i) => String(7000 + i)), DEMO_PIN].map((pin) => pins.check(mary, pin, 3)));
    expect(verdicts.filter((v) => v.verdict !== 'locked')).to.have.length.at.most(3);
    expect((await getBox(db, mary)).locked_at).not.to.equal(null);
    expect(await pins.check(mary, DEMO_PIN, 3)).to.deep.equal({ verdict: 'locked' });
    await resetPinFailures(db, mary);
    expect(await pins.check(mary, DEMO_PIN, 3)).to.deep.equal({ verdict: 'ok' });
  });

  it('a right PIN starts the count again; wrong ones in a row lock', async () => {
    expect(await pins.check(mary, '9999', 3)).to.deep.include({ verdict: 'wrong', failures: 1, locked: false });
    expect(await pins.check(mary, DEMO_PIN, 3)).to.deep.equal({ verdict: 'ok' });
    expect(await pins.check(mary, '9998', 3)).to.deep.include({ failures: 1 });
    expect(await pins.check(mary, '9997', 3)).to.deep.include({ failures: 2, locked: false });
    expect(await pins.check(mary, '9996', 3)).to.deep.include({ failures: 3, locked: true });
  });

  it('logins to one mailbox take turns', async () => {
    const events: string[] = [];
    const login = (name: string) => pins.oneAtATime(mary, async () => {
      events.push(`${name} starts`);
      await new Promise((resolve) => setImmediate(resolve));
      events.push(`${name} ends`);
    });
    await Promise.all([login('first'), login('second')]);
    expect(events).to.deep.equal(['first starts', 'first ends', 'second starts', 'second ends']);
  });
});

describe('the API sets PINs by the phone menu\'s rule', () => {
  it('refuses 0000 and a too short PIN, naming the field, and accepts 4321', () => {
    expect(isAcceptablePin('0000')).to.equal(false);
    const refused = updateUserBody.safeParse({ pin: '0000' });
    expect(refused.success).to.equal(false);
    expect(refused.error?.issues[0]?.path).to.deep.equal(['pin']);
    expect(updateUserBody.safeParse({ pin: '12' }).success).to.equal(false);
    expect(updateUserBody.safeParse({ pin: '4321' }).success).to.equal(true);
  });
});
