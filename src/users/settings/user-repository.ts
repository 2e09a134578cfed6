import type { Kysely, Transaction } from 'kysely';
import { containsText } from '../../store/portable-queries.js';
import type { Database, Location, LocationKind, Role, Service, User, UserType } from '../../store/schema.js';
import { assertUnclaimed, type Claims } from './number-claims.js';

/** A user as the rest of Switchboard sees it: row, services, locations and DIDs together. */
export interface UserProfile {
  id: number;
  organisationId: number;
  extension: string;
  name: string;
  email: string | null;
  role: Role;
  /** May create and list organisations (not only manage their own). */
  systemAdmin: boolean;
  type: UserType;
  services: Service[];
  locations: LocationView[];
  dids: string[];
  hiddenFromDirectory: boolean;
  aliases: string[];
  backupUserId: number | null;
  secondaryNumber: string | null;
  loggedIn: boolean;
  noAnswerSeconds: number;
  hasPassword: boolean;
  hasPin: boolean;
}

export interface LocationView {
  id: number;
  kind: LocationKind;
  address: string;
  ringsForIncoming: boolean;
  label: string | null;
}

export interface UserWrite {
  extension: string;
  name: string;
  email?: string | null;
  role?: Role;
  /** Only `switchboard init` and the organisations API set this; the user API cannot. */
  systemAdmin?: boolean;
  type?: UserType;
  services?: Service[];
  hiddenFromDirectory?: boolean;
  aliases?: string[];
  backupUserId?: number | null;
  secondaryNumber?: string | null;
  loggedIn?: boolean;
  noAnswerSeconds?: number;
  passwordHash?: string | null;
  pinHash?: string | null;
  locations?: Array<Omit<LocationView, 'id'>>;
  dids?: string[];
}

type Db = Kysely<Database> | Transaction<Database>;

const toLocation = (l: Location): LocationView => ({
  id: l.id, kind: l.kind, address: l.address, ringsForIncoming: l.rings_for_incoming === 1, label: l.label,
});

/**
 * Every user of the store as profiles, in a fixed number of queries (no id list: 100,000
 * users would pass any bind-parameter limit): what the in-memory user cache loads.
 */
export async function allProfiles(db: Db): Promise<UserProfile[]> {
  const [rows, services, locations, dids] = await Promise.all([
    db.selectFrom('users').selectAll().orderBy('id').execute(),
    db.selectFrom('user_services').selectAll().execute(),
    db.selectFrom('locations').selectAll().orderBy('id').execute(),
    db.selectFrom('dids').selectAll().orderBy('number').execute(),
  ]);
  return assemble(rows, services, locations, dids);
}

async function profiles(db: Db, rows: User[]): Promise<UserProfile[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [services, locations, dids] = await Promise.all([
    db.selectFrom('user_services').selectAll().where('user_id', 'in', ids).execute(),
    db.selectFrom('locations').selectAll().where('user_id', 'in', ids).orderBy('id').execute(),
    db.selectFrom('dids').selectAll().where('user_id', 'in', ids).orderBy('number').execute(),
  ]);
  return assemble(rows, services, locations, dids);
}

function assemble(rows: User[], services: Array<{ user_id: number; service: Service }>, locations: Location[], dids: Array<{ user_id: number; number: string }>): UserProfile[] {
  const group = <T extends { user_id: number }>(items: T[]) => {
    const by = new Map<number, T[]>();
    for (const item of items) { const list = by.get(item.user_id); if (list) list.push(item); else by.set(item.user_id, [item]); }
    return by;
  };
  const [servicesOf, locationsOf, didsOf] = [group(services), group(locations), group(dids)];
  return rows.map((r) => ({
    id: r.id,
    organisationId: r.organisation_id,
    extension: r.extension,
    name: r.name,
    email: r.email,
    role: r.role,
    systemAdmin: r.system_admin === 1,
    type: r.user_type,
    services: (servicesOf.get(r.id) ?? []).map((s) => s.service).sort(),
    locations: (locationsOf.get(r.id) ?? []).map(toLocation),
    dids: (didsOf.get(r.id) ?? []).map((d) => d.number),
    hiddenFromDirectory: r.hidden_from_directory === 1,
    aliases: JSON.parse(r.aliases) as string[],
    backupUserId: r.backup_user_id,
    secondaryNumber: r.secondary_number,
    loggedIn: r.logged_in === 1,
    noAnswerSeconds: r.no_answer_seconds,
    hasPassword: r.password_hash !== null,
    hasPin: r.pin_hash !== null,
  }));
}

/** Many users' profiles by id, in id order (chunked: SQLite allows only so many bound parameters). */
export async function getUsers(db: Db, ids: readonly number[]): Promise<UserProfile[]> {
  const found: UserProfile[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.selectFrom('users').selectAll().where('id', 'in', ids.slice(i, i + 500)).orderBy('id').execute();
    found.push(...(await profiles(db, rows)));
  }
  return found;
}

export async function getUser(db: Db, id: number): Promise<UserProfile | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? (await profiles(db, [row]))[0] : undefined;
}

export async function getUserRow(db: Db, id: number): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUserByExtension(db: Db, organisationId: number, extension: string): Promise<UserProfile | undefined> {
  const row = await db.selectFrom('users').selectAll()
    .where('organisation_id', '=', organisationId).where('extension', '=', extension).executeTakeFirst();
  return row ? (await profiles(db, [row]))[0] : undefined;
}

/** Any organisation: extensions are unique per organisation, and devices identify theirs. */
export async function findUserByExtensionAnywhere(db: Db, extension: string): Promise<UserProfile | undefined> {
  const row = await db.selectFrom('users').selectAll().where('extension', '=', extension).orderBy('id').executeTakeFirst();
  return row ? (await profiles(db, [row]))[0] : undefined;
}

/**
 * The user a call comes from, by the authenticated device it comes from (a primary
 * location or a shared call appearance), never by caller ID the phone can set.
 */
export async function findUserByDevice(db: Db, device: string): Promise<UserProfile | undefined> {
  const location = await db.selectFrom('locations').select('user_id')
    .where('address', '=', device).where('kind', 'in', ['primary', 'shared']).orderBy('id').executeTakeFirst();
  return location ? getUser(db, location.user_id) : undefined;
}

export async function findUserByDid(db: Db, number: string): Promise<UserProfile | undefined> {
  const did = await db.selectFrom('dids').select('user_id').where('number', '=', number).executeTakeFirst();
  return did ? getUser(db, did.user_id) : undefined;
}

export async function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export interface UserListQuery { search?: string; service?: Service; limit: number; offset: number }

export async function listUsers(db: Db, organisationId: number, query: UserListQuery): Promise<{ users: UserProfile[]; total: number }> {
  let base = db.selectFrom('users').where('organisation_id', '=', organisationId);
  if (query.search) {
    const search = query.search;
    base = base.where((eb) => eb.or([containsText('name', search), containsText('extension', search)]));
  }
  if (query.service) {
    const service = query.service;
    base = base.where('id', 'in', db.selectFrom('user_services').select('user_id').where('service', '=', service));
  }
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('extension').limit(query.limit).offset(query.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { users: await profiles(db, rows), total: Number(count.n) };
}

/**
 * What a write claims, named by the API fields that carry it (`extension`, `email`,
 * `locations.<i>.address`, `dids.<i>`): a device, DID or e-mail already someone else's
 * is refused with a 409 naming the field, whoever writes (API, CSV import, CLI).
 */
function claimsOf(write: Partial<UserWrite>, organisationId: number, userId: number | undefined, defaultDevice: string | undefined): Claims {
  const devices = write.locations
    ? write.locations.flatMap((l, i) => (l.kind === 'primary' || l.kind === 'shared' ? [{ field: `locations.${i}.address`, address: l.address }] : []))
    : defaultDevice ? [{ field: 'extension', address: defaultDevice }] : [];
  return {
    userId, organisationId, devices,
    ...(write.extension !== undefined ? { extension: { field: 'extension', value: write.extension } } : {}),
    ...(write.dids ? { dids: write.dids.map((number, i) => ({ field: `dids.${i}`, number })) } : {}),
    ...(write.email !== undefined ? { email: { field: 'email', value: write.email } } : {}),
  };
}

/** Runs `work` in a transaction, or in the caller's when `db` already is one (a CSV import is one transaction). */
const inTransaction = <T>(db: Db, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> =>
  db.isTransaction ? work(db as Transaction<Database>) : db.transaction().execute(work);

export async function createUser(db: Db, organisationId: number, write: UserWrite): Promise<UserProfile> {
  const id = await inTransaction(db, async (trx) => {
    await assertUnclaimed(trx, claimsOf(write, organisationId, undefined, write.locations ? undefined : `PJSIP/${write.extension}`));
    const row = await trx.insertInto('users').values({
      organisation_id: organisationId,
      extension: write.extension,
      name: write.name,
      email: write.email ?? null,
      role: write.role ?? 'user',
      system_admin: write.systemAdmin ? 1 : 0,
      user_type: write.type ?? 'agent',
      password_hash: write.passwordHash ?? null,
      pin_hash: write.pinHash ?? null,
      hidden_from_directory: write.hiddenFromDirectory ? 1 : 0,
      aliases: JSON.stringify(write.aliases ?? []),
      backup_user_id: write.backupUserId ?? null,
      secondary_number: write.secondaryNumber ?? null,
      logged_in: write.loggedIn === false ? 0 : 1,
      no_answer_seconds: write.noAnswerSeconds ?? 20,
    }).returning('id').executeTakeFirstOrThrow();
    // A new user's phone is PJSIP/<extension> unless told otherwise.
    const locations = write.locations ?? [{ kind: 'primary' as const, address: `PJSIP/${write.extension}`, ringsForIncoming: true, label: null }];
    await replaceChildren(trx, row.id, { services: write.services ?? [], locations, dids: write.dids ?? [] });
    return row.id;
  });
  return (await getUser(db, id))!;
}

export async function updateUser(db: Db, id: number, write: Partial<UserWrite>): Promise<UserProfile | undefined> {
  await inTransaction(db, async (trx) => {
    const current = await trx.selectFrom('users').select('organisation_id').where('id', '=', id).executeTakeFirst();
    if (!current) return;
    await assertUnclaimed(trx, claimsOf(write, current.organisation_id, id, undefined));
    const values: Record<string, unknown> = {};
    if (write.extension !== undefined) values.extension = write.extension;
    if (write.name !== undefined) values.name = write.name;
    if (write.email !== undefined) values.email = write.email;
    if (write.role !== undefined) values.role = write.role;
    if (write.systemAdmin !== undefined) values.system_admin = write.systemAdmin ? 1 : 0;
    if (write.type !== undefined) values.user_type = write.type;
    if (write.hiddenFromDirectory !== undefined) values.hidden_from_directory = write.hiddenFromDirectory ? 1 : 0;
    if (write.aliases !== undefined) values.aliases = JSON.stringify(write.aliases);
    if (write.backupUserId !== undefined) values.backup_user_id = write.backupUserId;
    if (write.secondaryNumber !== undefined) values.secondary_number = write.secondaryNumber;
    if (write.loggedIn !== undefined) values.logged_in = write.loggedIn ? 1 : 0;
    if (write.noAnswerSeconds !== undefined) values.no_answer_seconds = write.noAnswerSeconds;
    if (write.passwordHash !== undefined) values.password_hash = write.passwordHash;
    if (write.pinHash !== undefined) values.pin_hash = write.pinHash;
    if (Object.keys(values).length) await trx.updateTable('users').set(values).where('id', '=', id).execute();
    await replaceChildren(trx, id, write);
  });
  return getUser(db, id);
}

async function replaceChildren(trx: Transaction<Database>, userId: number, write: Partial<UserWrite>): Promise<void> {
  if (write.services !== undefined) {
    await trx.deleteFrom('user_services').where('user_id', '=', userId).execute();
    const services = [...new Set(write.services)];
    if (services.length) await trx.insertInto('user_services').values(services.map((service) => ({ user_id: userId, service }))).execute();
  }
  if (write.locations !== undefined) {
    await trx.deleteFrom('locations').where('user_id', '=', userId).execute();
    if (write.locations.length) {
      await trx.insertInto('locations').values(write.locations.map((l) => ({
        user_id: userId, kind: l.kind, address: l.address, rings_for_incoming: l.ringsForIncoming ? 1 : 0, label: l.label ?? null,
      }))).execute();
    }
  }
  if (write.dids !== undefined) {
    await trx.deleteFrom('dids').where('user_id', '=', userId).execute();
    if (write.dids.length) await trx.insertInto('dids').values(write.dids.map((number) => ({ number, user_id: userId }))).execute();
  }
}

export async function deleteUser(db: Db, id: number): Promise<boolean> {
  const result = await db.deleteFrom('users').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The primary device's dial string: what rings when the user is called. */
export const primaryDevice = (user: UserProfile): string | undefined =>
  user.locations.find((l) => l.kind === 'primary')?.address;
