/**
 * What `switchboard users import --from-asterisk` would do, decided from plain data: which
 * PJSIP endpoints become users, under which extension and name, and which are left alone.
 * Pure, so the dry run and the real run cannot disagree.
 */

/** An endpoint as ARI describes it (`GET /endpoints` plus its configuration object). */
export interface AsteriskEndpoint {
  resource: string;
  /** The dialplan context its calls start in; undefined when ARI would not say. */
  context?: string;
  /** pjsip.conf's `callerid`, e.g. `"Nadia Novak" <1019>`; Asterisk reports `<unknown>` when unset. */
  callerId?: string;
}

/** Someone to create or find: from an endpoint or a CSV row. */
export interface ImportCandidate {
  extension: string;
  name?: string;
  device: string;
}

export interface ExistingUser { id: number; extension: string; name: string; devices: string[] }

export type ImportAction =
  | { kind: 'create'; extension: string; name: string; device: string; nameFromCallerId: boolean }
  | { kind: 'rename'; userId: number; extension: string; from: string; to: string }
  | { kind: 'unchanged'; extension: string; name: string; why: string }
  | { kind: 'skip'; source: string; why: string };

const EXTENSION = /^\d{2,8}$/;

/** `"Nadia Novak" <1019>`, `Nadia <1019>`, `<1019>`, `1019`; `<unknown>` is Asterisk's "none". */
export function parseCallerId(value: string | undefined): { name?: string; number?: string } {
  const text = value?.trim() ?? '';
  if (!text) return {};
  const match = /^(?:"((?:[^"\\]|\\.)*)"|([^<]*?))\s*<([^>]*)>$/.exec(text);
  if (!match) return EXTENSION.test(text) ? { number: text } : { name: text };
  const name = (match[1] ?? match[2] ?? '').replace(/\\(.)/g, '$1').trim();
  const number = match[3]!.trim();
  return {
    name: name || undefined,
    number: number && number !== 'unknown' ? number : undefined,
  };
}

/** The placeholder name a user gets when the endpoint has no caller ID name. */
export const placeholderName = (extension: string): string => `Extension ${extension}`;

/**
 * An endpoint is a user's phone when its calls start in Switchboard's internal context;
 * endpoints in other contexts are trunks or outside lines. The extension is the caller ID
 * number, else the endpoint's name, when that is an extension (2 to 8 digits).
 */
export function candidateFromEndpoint(endpoint: AsteriskEndpoint, internalContext: string): ImportCandidate | { skip: string } {
  if (endpoint.context === undefined) return { skip: 'ARI did not give its configuration (context, caller ID)' };
  if (endpoint.context !== internalContext) return { skip: `its calls start in context ${endpoint.context}, not ${internalContext}: a trunk or a phone that does not dial through Switchboard` };
  const callerId = parseCallerId(endpoint.callerId);
  const extension = [callerId.number, endpoint.resource].find((n) => n !== undefined && EXTENSION.test(n));
  if (!extension) return { skip: 'no extension: neither its name nor its caller ID number is 2 to 8 digits' };
  return { extension, name: callerId.name, device: `PJSIP/${endpoint.resource}` };
}

/**
 * Creates who is missing; renames a user still carrying the placeholder once caller ID
 * gives a name; leaves everyone else as they are, so a second run changes nothing.
 */
export function planImport(candidates: ReadonlyArray<ImportCandidate & { source: string }>, existing: ReadonlyArray<ExistingUser>): ImportAction[] {
  const byExtension = new Map(existing.map((u) => [u.extension, u]));
  const deviceOwner = new Map(existing.flatMap((u) => u.devices.map((d) => [d, u] as const)));
  const planned = new Set<string>();
  const actions: ImportAction[] = [];
  for (const c of candidates) {
    const user = byExtension.get(c.extension);
    if (planned.has(c.extension)) { actions.push({ kind: 'skip', source: c.source, why: `extension ${c.extension} is already taken by another endpoint in this import` }); continue; }
    planned.add(c.extension);
    if (user) {
      if (c.name && user.name === placeholderName(user.extension) && c.name !== user.name) {
        actions.push({ kind: 'rename', userId: user.id, extension: c.extension, from: user.name, to: c.name });
      } else {
        actions.push({ kind: 'unchanged', extension: c.extension, name: user.name, why: 'already a user' });
      }
      continue;
    }
    const owner = deviceOwner.get(c.device);
    if (owner) { actions.push({ kind: 'skip', source: c.source, why: `${c.device} is already the device of ${owner.extension} ${owner.name}` }); continue; }
    actions.push({ kind: 'create', extension: c.extension, name: c.name ?? placeholderName(c.extension), device: c.device, nameFromCallerId: c.name !== undefined });
  }
  return actions;
}

/** One line per action, then a count; what the administrator reads. */
export function describeImport(actions: ReadonlyArray<ImportAction>, dryRun: boolean): string[] {
  const would = (verb: 'create' | 'rename') => (dryRun ? `would ${verb}` : `${verb}d`);
  const lines = actions.map((a) => {
    switch (a.kind) {
      case 'create': return `${would('create')} ${a.extension} ${a.name} (device ${a.device}${a.nameFromCallerId ? ', name from caller ID' : ', no caller ID name'})`;
      case 'rename': return `${would('rename')} ${a.extension} from "${a.from}" to "${a.to}" (caller ID)`;
      case 'unchanged': return `unchanged ${a.extension} ${a.name} (${a.why})`;
      case 'skip': return `skipped ${a.source}: ${a.why}`;
    }
  });
  const count = (kind: ImportAction['kind']) => actions.filter((a) => a.kind === kind).length;
  const summary = `${count('create')} to create, ${count('rename')} to rename, ${count('unchanged')} unchanged, ${count('skip')} skipped`;
  lines.push(dryRun ? `dry run: ${summary}; nothing was changed` : summary.replace('to create', 'created').replace('to rename', 'renamed'));
  return lines;
}
