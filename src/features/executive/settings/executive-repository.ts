/**
 * Store access for the executive feature. API, for every part of the feature:
 * `getExecutiveSettings(db, executiveUserId)` returns the full `ExecutiveSettings`
 * (defaults when never saved; filtering, screening, alerting incl. caller-ID modes and
 * rollover, `pushRecallRings`, `alerting.secondsPerRing` = how long "one ring" lasts,
 * `allowOptInOut`); `saveExecutiveSettings(db, id, patch)` replaces whole sections.
 * `assistantsOf(db, executiveUserId)` is the ordered pool (`PoolMember`: assistantId,
 * extension, name, position, optedIn, divert); `executivesOf(db, assistantUserId)` the
 * executives an assistant serves (with their opt-in state); `isAssistantOf(db,
 * assistantUserId, executiveUserId)` is pool membership whatever the opt-in state;
 * `setOptIn(...)` returns false when the assistant is not in that pool; `setPool`
 * replaces the pool keeping the opt-in state of those who stay. Assistant settings:
 * `getAssistantSettings` / `saveAssistantSettings` (divert). Rules about who may be in
 * a pool live in policy/pool-rules.ts, not here.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../store/schema.js';
import type { ExecutiveSettingsRow } from './executive-schema.js';
import {
  defaultExecutiveSettings,
  type AlertingSettings, type AssistantSettings, type ExecutiveOfAssistant, type ExecutiveSettings,
  type FilterCriterion, type FilteringSettings, type PoolMember, type ScreeningSettings,
} from './executive-settings.js';

export * from './executive-settings.js';

type Db = Kysely<Database> | Transaction<Database>;

function fromRow(row: ExecutiveSettingsRow): ExecutiveSettings {
  return {
    executiveId: row.executive_user_id,
    filtering: {
      enabled: row.filtering_enabled === 1,
      mode: row.filtering_mode as FilteringSettings['mode'],
      criteria: JSON.parse(row.filter_criteria) as FilterCriterion[],
    },
    screening: {
      enabled: row.screening_enabled === 1,
      alertType: row.screening_alert_type as ScreeningSettings['alertType'],
      alertShared: row.screening_alert_shared === 1,
      alertAnywhere: row.screening_alert_anywhere === 1,
      alertMobile: row.screening_alert_mobile === 1,
    },
    alerting: {
      mode: row.alerting_mode as AlertingSettings['mode'],
      ringsToAdvance: row.rings_to_advance,
      secondsPerRing: row.seconds_per_ring,
      callerIdName: { mode: row.caller_id_name_mode as AlertingSettings['callerIdName']['mode'], custom: row.caller_id_custom_name },
      callerIdNumber: { mode: row.caller_id_number_mode as AlertingSettings['callerIdNumber']['mode'], custom: row.caller_id_custom_number },
      rollover: {
        enabled: row.rollover_enabled === 1,
        waitSeconds: row.rollover_wait_seconds,
        action: row.rollover_action as AlertingSettings['rollover']['action'],
        forwardNumber: row.rollover_forward_number,
      },
    },
    pushRecallRings: row.push_recall_rings,
    allowOptInOut: row.allow_opt_in_out === 1,
  };
}

function toRow(s: ExecutiveSettings): ExecutiveSettingsRow {
  const bit = (b: boolean) => (b ? 1 : 0);
  return {
    executive_user_id: s.executiveId,
    filtering_enabled: bit(s.filtering.enabled),
    filtering_mode: s.filtering.mode,
    filter_criteria: JSON.stringify(s.filtering.criteria),
    screening_enabled: bit(s.screening.enabled),
    screening_alert_type: s.screening.alertType,
    screening_alert_shared: bit(s.screening.alertShared),
    screening_alert_anywhere: bit(s.screening.alertAnywhere),
    screening_alert_mobile: bit(s.screening.alertMobile),
    alerting_mode: s.alerting.mode,
    rings_to_advance: s.alerting.ringsToAdvance,
    seconds_per_ring: s.alerting.secondsPerRing,
    caller_id_name_mode: s.alerting.callerIdName.mode,
    caller_id_custom_name: s.alerting.callerIdName.custom,
    caller_id_number_mode: s.alerting.callerIdNumber.mode,
    caller_id_custom_number: s.alerting.callerIdNumber.custom,
    rollover_enabled: bit(s.alerting.rollover.enabled),
    rollover_wait_seconds: s.alerting.rollover.waitSeconds,
    rollover_action: s.alerting.rollover.action,
    rollover_forward_number: s.alerting.rollover.forwardNumber,
    push_recall_rings: s.pushRecallRings,
    allow_opt_in_out: bit(s.allowOptInOut),
  };
}

/** The executive's settings; the defaults until they are first saved. */
export async function getExecutiveSettings(db: Db, executiveUserId: number): Promise<ExecutiveSettings> {
  const row = await db.selectFrom('executive_settings').selectAll().where('executive_user_id', '=', executiveUserId).executeTakeFirst();
  return row ? fromRow(row) : defaultExecutiveSettings(executiveUserId);
}

export type ExecutiveSettingsPatch = Partial<Omit<ExecutiveSettings, 'executiveId'>>;

/** Replaces the given sections (filtering, screening, alerting…) and returns the result. */
export async function saveExecutiveSettings(db: Kysely<Database>, executiveUserId: number, patch: ExecutiveSettingsPatch): Promise<ExecutiveSettings> {
  return db.transaction().execute(async (trx) => {
    const next: ExecutiveSettings = { ...(await getExecutiveSettings(trx, executiveUserId)), ...patch, executiveId: executiveUserId };
    const row = toRow(next);
    const { executive_user_id: _id, ...values } = row;
    await trx.insertInto('executive_settings').values(row)
      .onConflict((oc) => oc.column('executive_user_id').doUpdateSet(values)).execute();
    return next;
  });
}

/** Filtering on or off (#61/#62, the portal), leaving the rest of the settings alone. */
export async function setFilteringEnabled(db: Kysely<Database>, executiveUserId: number, enabled: boolean): Promise<ExecutiveSettings> {
  const current = await getExecutiveSettings(db, executiveUserId);
  return saveExecutiveSettings(db, executiveUserId, { filtering: { ...current.filtering, enabled } });
}

/** The pool in alerting order, with each assistant's opt-in state and divert setting. */
export async function assistantsOf(db: Db, executiveUserId: number): Promise<PoolMember[]> {
  const rows = await db.selectFrom('executive_assistants as ea')
    .innerJoin('users as u', 'u.id', 'ea.assistant_user_id')
    .leftJoin('assistant_settings as s', 's.assistant_user_id', 'ea.assistant_user_id')
    .select(['ea.assistant_user_id', 'ea.position', 'ea.opted_in', 'u.extension', 'u.name', 's.divert_enabled', 's.divert_number'])
    .where('ea.executive_user_id', '=', executiveUserId)
    .orderBy('ea.position').execute();
  return rows.map((r) => ({
    assistantId: r.assistant_user_id,
    extension: r.extension,
    name: r.name,
    position: r.position,
    optedIn: r.opted_in === 1,
    divert: { enabled: r.divert_enabled === 1, number: r.divert_number ?? null },
  }));
}

/** The executives whose pool the assistant is in, with the assistant's opt-in state for each. */
export async function executivesOf(db: Db, assistantUserId: number): Promise<ExecutiveOfAssistant[]> {
  const rows = await db.selectFrom('executive_assistants as ea')
    .innerJoin('users as u', 'u.id', 'ea.executive_user_id')
    .select(['ea.executive_user_id', 'ea.position', 'ea.opted_in', 'u.extension', 'u.name'])
    .where('ea.assistant_user_id', '=', assistantUserId)
    .orderBy('u.extension').execute();
  return rows.map((r) => ({ executiveId: r.executive_user_id, extension: r.extension, name: r.name, position: r.position, optedIn: r.opted_in === 1 }));
}

/** Pool membership, opted in or not. */
export async function isAssistantOf(db: Db, assistantUserId: number, executiveUserId: number): Promise<boolean> {
  const row = await db.selectFrom('executive_assistants').select('position')
    .where('executive_user_id', '=', executiveUserId).where('assistant_user_id', '=', assistantUserId).executeTakeFirst();
  return row !== undefined;
}

/** Opts the assistant in or out of the executive's pool; false when not in that pool. */
export async function setOptIn(db: Db, assistantUserId: number, executiveUserId: number, optedIn: boolean): Promise<boolean> {
  const result = await db.updateTable('executive_assistants').set({ opted_in: optedIn ? 1 : 0 })
    .where('executive_user_id', '=', executiveUserId).where('assistant_user_id', '=', assistantUserId).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Replaces the pool with `assistantUserIds` in this order; those who stay keep their opt-in state, newcomers are opted in. */
export async function setPool(db: Kysely<Database>, executiveUserId: number, assistantUserIds: number[]): Promise<PoolMember[]> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('executive_assistants').select(['assistant_user_id', 'opted_in'])
      .where('executive_user_id', '=', executiveUserId).execute();
    const optedIn = new Map(before.map((r) => [r.assistant_user_id, r.opted_in]));
    await trx.deleteFrom('executive_assistants').where('executive_user_id', '=', executiveUserId).execute();
    if (assistantUserIds.length) {
      await trx.insertInto('executive_assistants').values(assistantUserIds.map((id, position) => ({
        executive_user_id: executiveUserId, assistant_user_id: id, position, opted_in: optedIn.get(id) ?? 1,
      }))).execute();
    }
  });
  return assistantsOf(db, executiveUserId);
}

export async function getAssistantSettings(db: Db, assistantUserId: number): Promise<AssistantSettings> {
  const row = await db.selectFrom('assistant_settings').selectAll().where('assistant_user_id', '=', assistantUserId).executeTakeFirst();
  return { assistantId: assistantUserId, divert: { enabled: row?.divert_enabled === 1, number: row?.divert_number ?? null } };
}

export async function saveAssistantSettings(db: Db, assistantUserId: number, divert: AssistantSettings['divert']): Promise<AssistantSettings> {
  const values = { divert_enabled: divert.enabled ? 1 : 0, divert_number: divert.number };
  await db.insertInto('assistant_settings').values({ assistant_user_id: assistantUserId, ...values })
    .onConflict((oc) => oc.column('assistant_user_id').doUpdateSet(values)).execute();
  return getAssistantSettings(db, assistantUserId);
}

/** Every executive's call filtering on or off, by user id (the portal's live view). */
export async function filteringByExecutive(db: Kysely<Database>): Promise<Map<number, boolean>> {
  const rows = await db.selectFrom('executive_settings').select(['executive_user_id', 'filtering_enabled']).execute();
  return new Map(rows.map((row) => [row.executive_user_id, Number(row.filtering_enabled) === 1]));
}
