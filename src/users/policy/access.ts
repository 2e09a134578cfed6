import type { UserProfile } from '../settings/user-repository.js';

/** Administrators see and manage everyone in their organisation; users only themselves. */
export function canViewUser(actor: UserProfile, target: Pick<UserProfile, 'id' | 'organisationId'>): boolean {
  if (actor.organisationId !== target.organisationId) return false;
  return actor.role === 'admin' || actor.id === target.id;
}

/** Fields a user may change on their own account; everything else is the administrator's. */
export const SELF_EDITABLE_FIELDS = ['name', 'email', 'password', 'currentPassword', 'pin'] as const;

export function fieldsUserMayNotChange(actor: UserProfile, target: Pick<UserProfile, 'id' | 'organisationId'>, fields: string[]): string[] {
  if (actor.organisationId !== target.organisationId) return fields;
  if (actor.role === 'admin') return [];
  if (actor.id !== target.id) return fields;
  return fields.filter((f) => !(SELF_EDITABLE_FIELDS as readonly string[]).includes(f));
}
