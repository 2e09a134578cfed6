import type { FakeAri } from '../../support/fake-ari.js';
import { channel } from '../../support/fake-ari.js';

/**
 * What asterisk-conf/extensions.conf's `switchboard-astdb` context does with a batch, on an
 * in-memory AstDB (`family/key` → value): writes SB_PUT_<i>, removes SB_DELETE_<i>, then
 * its half enters the app (StasisStart); DB_KEYS reads through that half's variables.
 * The integration test (test/integration/faults/dialplan-fallback.test.ts) runs the real one.
 */
export function fakeAstDbDialplan(ari: FakeAri, astdb: Map<string, string>, options: { confirm?: boolean } = {}): void {
  const inApp = new Set<string>();
  ari.respond = (method, args) => {
    if (method === 'originateToDialplan') {
      const { otherChannelId, variables } = args[0] as { otherChannelId: string; variables: Record<string, string> };
      for (let i = 0; i < Number(variables.SB_PUTS); i += 1) {
        const [key, value] = variables[`SB_PUT_${i}`]!.split('=');
        astdb.set(`switchboard/${key}`, value!);
      }
      for (let i = 0; i < Number(variables.SB_DELETES); i += 1) astdb.delete(`switchboard/${variables[`SB_DELETE_${i}`]}`);
      if (options.confirm ?? true) {
        setImmediate(() => {
          inApp.add(otherChannelId);
          ari.emit({ type: 'StasisStart', channel: channel(otherChannelId, 'Ring', `Local/apply@switchboard-astdb-00000001;2`), args: ['astdb-applied'] });
        });
      }
      return { id: (args[0] as { channelId: string }).channelId };
    }
    if (method === 'getVariable') {
      const [channelId, variable] = args as [string, string];
      if (!inApp.has(channelId)) throw new Error(`ARI GET /channels/${channelId}/variable failed: 404 Channel not found`);
      const family = /^DB_KEYS\((.*)\)$/.exec(variable)?.[1];
      if (!family) throw new Error(`unexpected variable ${variable}`);
      const keys = [...astdb.keys()].filter((k) => k.startsWith(`${family}/`)).map((k) => k.slice(family.length + 1));
      return { value: keys.join(',') };
    }
    return undefined;
  };
}
