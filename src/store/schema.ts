import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * The tables every feature shares. A feature adds its own tables by augmenting this
 * interface from its own folder (`declare module '../../store/schema.js'`), next to
 * its migration, so no feature edits another's schema.
 */
export interface Database {
  organisations: OrganisationTable;
  users: UserTable;
  user_services: UserServiceTable;
  locations: LocationTable;
  dids: DidTable;
  auth_sessions: AuthSessionTable;
  audit_log: AuditLogTable;
  controller_nodes: ControllerNodeTable;
}

/** ISO-8601 text in SQLite and PostgreSQL alike, so no dialect-specific date handling. */
type Timestamp = ColumnType<string, string | undefined, string>;

export interface OrganisationTable {
  id: Generated<number>;
  name: string;
  /** The company number's internal extension (`0` by default). */
  company_extension: string;
  /** The company number as the carrier delivers it (DNIS), if any. */
  company_did: string | null;
  /** Where `0` in the attendant menu goes: a dial string or an extension. */
  operator_destination: string | null;
  timezone: string;
  created_at: Timestamp;
  /** The Asterisk node whose controllers handle its calls (`NODE_NAME`); null on a site with one node. */
  node: string | null;
}

/** A node (one Asterisk and its controllers) and where its leading controller's API is, while one leads. */
export interface ControllerNodeTable {
  name: string;
  leader_url: string | null;
  led_since: string | null;
}

export const USER_TYPES = ['agent', 'business_user', 'floating_agent', 'general_voicemail'] as const;
export type UserType = (typeof USER_TYPES)[number];
export const SERVICES = ['executive', 'assistant', 'attendant', 'voicemail'] as const;
export type Service = (typeof SERVICES)[number];
export const ROLES = ['admin', 'user'] as const;
export type Role = (typeof ROLES)[number];

export interface UserTable {
  id: Generated<number>;
  organisation_id: number;
  extension: string;
  name: string;
  email: string | null;
  role: Role;
  /** 1: may create and list organisations (a system administrator), whatever `role` says. */
  system_admin: Generated<number>;
  user_type: UserType;
  /** scrypt hash of the portal password; null: cannot sign in. */
  password_hash: string | null;
  /** scrypt hash of the voicemail PIN. */
  pin_hash: string | null;
  hidden_from_directory: number;
  /** Extra names the attendant recognises (nicknames), JSON array of strings. */
  aliases: string;
  backup_user_id: number | null;
  /** A business user's or floating agent's outside number. */
  secondary_number: string | null;
  /** An agent receives attendant calls only while logged in. */
  logged_in: number;
  /** Seconds an attendant or plain call rings before the user counts as not answering. */
  no_answer_seconds: number;
  created_at: Timestamp;
}

export interface UserServiceTable {
  user_id: number;
  service: Service;
}

export const LOCATION_KINDS = ['primary', 'shared', 'anywhere', 'mobile'] as const;
export type LocationKind = (typeof LOCATION_KINDS)[number];

export interface LocationTable {
  id: Generated<number>;
  user_id: number;
  kind: LocationKind;
  /** An Asterisk dial string (`PJSIP/1001`) or, for anywhere and mobile, a number. */
  address: string;
  /** A shared call appearance that also rings for incoming calls. */
  rings_for_incoming: number;
  label: string | null;
}

export interface DidTable {
  number: string;
  user_id: number;
}

export interface AuthSessionTable {
  /** SHA-256 of the bearer token: a stolen database yields no usable session. */
  token_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: string;
  /** Set while an administrator acts as `user_id`. */
  impersonator_id: number | null;
  impersonation_reason: string | null;
  /** The administrator's own session an impersonation was started from: ending that ends this. */
  parent_token_hash: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AuditLogTable {
  id: Generated<number>;
  organisation_id: number;
  at: Timestamp;
  /** Who really acted (the administrator, when impersonating). */
  actor_user_id: number | null;
  /** Whom the actor was acting as, if impersonating. */
  acting_as_user_id: number | null;
  action: string;
  details: string;
}

export type Organisation = Selectable<OrganisationTable>;
export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type Location = Selectable<LocationTable>;
export type AuditEntry = Selectable<AuditLogTable>;

/**
 * Row ids are 32-bit (`integer`) in both stores: a larger number names no row, and is
 * refused at the API rather than sent to PostgreSQL, which would reject it as out of range.
 */
export const MAX_ROW_ID = 2 ** 31 - 1;
