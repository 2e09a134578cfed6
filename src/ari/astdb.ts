import type { AriRest } from './ari-rest.js';

/**
 * Asterisk's own database (AstDB), reached through ARI's global variables and the
 * dialplan functions of func_db: `DB(family/key)` written with `POST /asterisk/variable`
 * stores a value, `DB_DELETE(family/key)` read with `GET` removes it, `DB_KEYS(family)`
 * lists a family's keys. The dialplan reads the same entries with `DB()` and
 * `DB_EXISTS()`, with or without the controller running.
 */
export class AstDb {
  constructor(private readonly rest: AriRest) {}

  async put(family: string, key: string, value: string): Promise<void> {
    await this.rest.setGlobalVariable(`DB(${family}/${key})`, value);
  }

  async get(family: string, key: string): Promise<string | undefined> {
    const { value } = await this.rest.getGlobalVariable(`DB_EXISTS(${family}/${key})`);
    if (value !== '1') return undefined;
    return (await this.rest.getGlobalVariable(`DB(${family}/${key})`)).value;
  }

  async delete(family: string, key: string): Promise<void> {
    await this.rest.getGlobalVariable(`DB_DELETE(${family}/${key})`);
  }

  /** The keys directly under `family` (DB_KEYS answers them comma-separated). */
  async keys(family: string): Promise<string[]> {
    const { value } = await this.rest.getGlobalVariable(`DB_KEYS(${family})`);
    return value ? value.split(',').filter(Boolean) : [];
  }
}
