import { sql, type Kysely, type Transaction } from 'kysely';
import { badRequest, conflictOn } from '../../errors.js';
import type { Database } from '../../store/schema.js';

/**
 * What a write claims for one user or organisation, each with the API field that carries it.
 * Devices, DIDs, company DIDs and login e-mails are global (the dispatcher finds a call's
 * user by its device and its organisation by its company DID across organisations), so a
 * claim is checked against everyone, never only the caller's organisation.
 */
export interface Claims {
  /** The user who claims (their own current values are not "taken"); none for a new user. */
  userId?: number;
  /** The organisation claiming a company DID, or whose extension this is. */
  organisationId?: number;
  /** Unique within the organisation only. */
  extension?: { field: string; value: string };
  devices?: Array<{ field: string; address: string }>;
  dids?: Array<{ field: string; number: string }>;
  email?: { field: string; value: string | null };
  companyDid?: { field: string; number: string | null };
}

/**
 * Refuses a claim on what is already someone else's: 409 naming the field. Checked before
 * the write so the answer names the field on every database; the unique indexes
 * (migration 20261201-0001) still stop a race between check and write.
 */
export async function assertUnclaimed(db: Kysely<Database> | Transaction<Database>, claims: Claims): Promise<void> {
  const self = claims.userId ?? -1;
  if (claims.extension && claims.organisationId !== undefined) {
    const owner = await db.selectFrom('users').select('id').where('organisation_id', '=', claims.organisationId)
      .where('extension', '=', claims.extension.value).where('id', '!=', self).executeTakeFirst();
    if (owner) throw conflictOn(claims.extension.field, 'extension-taken', 'already used by another user');
  }
  for (const [index, device] of (claims.devices ?? []).entries()) {
    if ((claims.devices ?? []).slice(0, index).some((d) => d.address === device.address)) throw badRequest(device.field, `${device.address} is listed twice`);
    const owner = await db.selectFrom('locations').select('user_id')
      .where('address', '=', device.address).where('kind', 'in', ['primary', 'shared']).where('user_id', '!=', self).executeTakeFirst();
    if (owner) throw conflictOn(device.field, 'device-taken', `${device.address} is already another user's device`);
  }
  for (const [index, did] of (claims.dids ?? []).entries()) {
    if ((claims.dids ?? []).slice(0, index).some((d) => d.number === did.number)) throw badRequest(did.field, `${did.number} is listed twice`);
    const owner = await db.selectFrom('dids').select('user_id').where('number', '=', did.number).where('user_id', '!=', self).executeTakeFirst();
    if (owner) throw conflictOn(did.field, 'did-taken', `${did.number} is already assigned to another user`);
    const company = await db.selectFrom('organisations').select('id').where('company_did', '=', did.number).executeTakeFirst();
    if (company) throw conflictOn(did.field, 'did-taken', `${did.number} is a company number`);
  }
  if (claims.email?.value) {
    const owner = await db.selectFrom('users').select('id')
      .where(sql`lower(email)`, '=', claims.email.value.toLowerCase()).where('id', '!=', self).executeTakeFirst();
    if (owner) throw conflictOn(claims.email.field, 'email-taken', 'this e-mail address is already another user\'s');
  }
  if (claims.companyDid?.number) {
    const number = claims.companyDid.number;
    const org = await db.selectFrom('organisations').select('id')
      .where('company_did', '=', number).where('id', '!=', claims.organisationId ?? -1).executeTakeFirst();
    if (org) throw conflictOn(claims.companyDid.field, 'did-taken', `${number} is already another organisation's company number`);
    const user = await db.selectFrom('dids').select('user_id').where('number', '=', number).executeTakeFirst();
    if (user) throw conflictOn(claims.companyDid.field, 'did-taken', `${number} is already a user's DID`);
  }
}
