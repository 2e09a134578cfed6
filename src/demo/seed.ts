import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import { hashSecret } from '../users/password.js';
import { createOrganisation } from '../users/settings/organisation-repository.js';
import { createUser, type UserProfile, type UserWrite } from '../users/settings/user-repository.js';
import { seedExecutiveDemo } from '../features/executive/demo-seed.js';
import { seedAttendantDemo } from '../features/attendant/demo-seed.js';
import { seedVoicemailDemo } from '../features/voicemail/demo-seed.js';

/** The password of every demo account and the voicemail PIN of every demo mailbox. */
export const DEMO_PASSWORD = 'switchboard';
export const DEMO_PIN = '1234';
export const DEMO_COMPANY_DID = '5552000';

export interface DemoUsers {
  organisationId: number;
  admin: UserProfile;
  executive: UserProfile;
  assistants: [UserProfile, UserProfile];
  directory: UserProfile[];
  generalMailbox: UserProfile;
}

/**
 * Acme Corp: an administrator who is also the operator (1001), an executive (1002) with
 * two assistants (1003, 1004), directory users and a general mailbox, on the phones
 * defined in asterisk-conf/pjsip.conf (password `pw<extension>`).
 */
export async function seedDemo(db: Kysely<Database>): Promise<DemoUsers> {
  const existing = await db.selectFrom('organisations').select('id').executeTakeFirst();
  if (existing) throw new Error('the database already has an organisation; the demo seeds only an empty one');
  const org = await createOrganisation(db, { name: 'Acme Corp', companyExtension: '0', companyDid: DEMO_COMPANY_DID, operatorDestination: '1001' });
  const [passwordHash, pinHash] = await Promise.all([hashSecret(DEMO_PASSWORD), hashSecret(DEMO_PIN)]);
  const make = (w: UserWrite) => createUser(db, org.id, { passwordHash, pinHash, ...w });
  const everyone = ['attendant', 'voicemail'] as const;
  const admin = await make({ extension: '1001', name: 'Olivia Operator', email: 'olivia@acme.example', role: 'admin', services: [...everyone] });
  const executive = await make({ extension: '1002', name: 'Erin Executive', email: 'erin@acme.example', services: ['executive', ...everyone], dids: ['5552002'] });
  const alice = await make({ extension: '1003', name: 'Alice Assistant', email: 'alice@acme.example', services: ['assistant', ...everyone] });
  const aaron = await make({ extension: '1004', name: 'Aaron Assistant', email: 'aaron@acme.example', services: ['assistant', ...everyone] });
  const directory = [
    await make({ extension: '1005', name: 'Mary Jones', email: 'mary@acme.example', services: [...everyone], aliases: ['Molly Jones'], dids: ['5552005'] }),
    await make({ extension: '1006', name: 'Mark Jones', email: 'mark@acme.example', services: [...everyone] }),
    await make({ extension: '1007', name: 'Bob Smith', email: 'bob@acme.example', services: [...everyone], aliases: ['Robert Smith'] }),
    await make({ extension: '1008', name: 'Carol White', email: 'carol@acme.example', services: [...everyone] }),
  ];
  const generalMailbox = await make({ extension: '1009', name: 'Sales Mailbox', type: 'general_voicemail', services: [...everyone], locations: [] });
  const users: DemoUsers = { organisationId: org.id, admin, executive, assistants: [alice, aaron], directory, generalMailbox };
  await seedExecutiveDemo(db, users);
  await seedAttendantDemo(db, users);
  await seedVoicemailDemo(db, users);
  return users;
}
