import { useEffect, useState } from 'react';
import { get, type Answer, type Schemas, type User } from '../api';
import { ErrorMessage, Field, Page, label, useLoad } from '../ui';

type AuditEntry = Schemas['AuditEntry'];

/** Impersonations and the changes made during them, readable by the organisation's own administrators. */
export function AuditPage() {
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  useEffect(() => { const t = setTimeout(() => setQuery(search.trim()), 250); return () => clearTimeout(t); }, [search]);
  const { data, error } = useLoad((signal) => get<Answer<'/audit', 'get'>>(`/audit?limit=200${query ? `&search=${encodeURIComponent(query)}` : ''}`, signal), [query]);
  const { data: users } = useLoad((signal) => get<Answer<'/users', 'get'>>('/users?limit=500', signal), []);
  const name = (id: number | null) => {
    if (id === null) return '—';
    const u = users?.users.find((x) => x.id === id);
    return u ? `${u.name} (${u.extension})` : `user #${id}`;
  };
  return (
    <Page title="Audit log">
      <p className="muted">Every impersonation (with its reason), every change made while acting as someone else, and each user created, changed (old → new) or deleted, by hand, in bulk or by import.</p>
      <div className="toolbar">
        <Field label="Search the audit log" hint="Matches the action and its details, such as a reason or a path.">{(id) => <input id={id} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />}</Field>
      </div>
      <ErrorMessage error={error} />
      {data && data.entries.length === 0 && <p>No entries{query ? ` match “${query}”` : ''}.</p>}
      {data && data.entries.length > 0 && (
        <div className="table-wrap">
          <table className="data">
            <caption className="sr-only">Audit entries, newest first</caption>
            <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">Acting as</th><th scope="col">Action</th><th scope="col">Details</th></tr></thead>
            <tbody>
              {data.entries.map((e) => (
                <tr key={e.id}>
                  <td data-label="When"><time dateTime={e.at}>{new Date(e.at).toLocaleString()}</time></td>
                  <td data-label="Who">{e.actorUserId === null ? 'Command line' : name(e.actorUserId)}</td>
                  <td data-label="Acting as">{name(e.actingAsUserId)}</td>
                  <td data-label="Action">{label(e.action)}</td>
                  <td data-label="Details" className="details">{e.changes && typeof e.details.userId === 'number' ? `${name(e.details.userId)}${how(e)}: ` : ''}{details(e)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}

/** A small value as it reads (a list joined, none as —); a large one (locations) only as "changed". */
const shown = (v: unknown): string =>
  v === null || v === undefined || v === '' ? '—'
    : Array.isArray(v) && v.every((x) => typeof x !== 'object') ? v.join(', ') || '—'
      : typeof v === 'object' ? JSON.stringify(v) : String(v);

/** `voicemailNotify` reads "Voicemail notify". */
const fieldLabel = (field: string) => label(field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase());

const VIA: Record<string, string> = { bulk: ' (bulk edit)', 'csv-import': ' (CSV import)', 'asterisk-import': ' (import from Asterisk)' };
const how = (e: AuditEntry) => (typeof e.details.via === 'string' ? VIA[e.details.via] ?? ` (${e.details.via})` : '');

function details(e: AuditEntry): string {
  const d = e.details;
  // A user created or deleted: named as they were then (a deleted user is no longer in the list).
  if (e.action === 'user-created' || e.action === 'user-deleted') return `${String(d.name)} (${String(d.extension)})${how(e)}`;
  if (e.changes) {
    return e.changes.map((c) => {
      if ('changed' in c) return `${fieldLabel(c.field)} changed`;
      const [was, is] = [shown(c.before), shown(c.after)];
      return was.length + is.length > 80 ? `${fieldLabel(c.field)} changed` : `${fieldLabel(c.field)}: ${was} → ${is}`;
    }).join('; ');
  }
  if (typeof d.reason === 'string') return `Reason: ${d.reason}`;
  if (typeof d.method === 'string') return `${d.method} ${String(d.path)} → ${String(d.status)}`;
  return Object.entries(d).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`).join('; ');
}
