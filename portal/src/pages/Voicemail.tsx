import { useEffect, useState } from 'react';
import { del, get, patch, post, put, type Answer, type Schemas } from '../api';
import { ErrorMessage, Field, Page, Saved, label, useAction, useLoad } from '../ui';
import { Greetings } from './VoicemailGreetings';
import { useSession } from '../App';
import { useLiveChanges } from '../live';

type Message = Schemas['VoicemailMessage'];
type Settings = Schemas['MailboxSettings'];
type Storage = Answer<'/voicemail/storage', 'get'>;

/** The columns people sort and filter by; each maps to the API's column name. */
const COLUMNS = [
  { key: 'caller_name', title: 'From', value: (m: Message) => m.callerName ?? '' },
  { key: 'caller_number', title: 'Number', value: (m: Message) => m.callerNumber ?? '' },
  { key: 'received_at', title: 'Received', value: (m: Message) => new Date(m.receivedAt).toLocaleString() },
  { key: 'duration_seconds', title: 'Length', value: (m: Message) => `${Math.round(m.durationSeconds)} s` },
  { key: 'status', title: 'Status', value: (m: Message) => m.status },
  { key: 'reason', title: 'Reason', value: (m: Message) => label(m.reason) },
  { key: 'transcription', title: 'Transcription (automatic draft)', value: (m: Message) => m.transcription ?? '' },
] as const;
type ColumnKey = (typeof COLUMNS)[number]['key'];

export function VoicemailPage() {
  const [sort, setSort] = useState<ColumnKey>('received_at');
  const [order, setOrder] = useState<'asc' | 'desc'>('desc');
  const [filters, setFilters] = useState<Partial<Record<ColumnKey, string>>>({});
  const [applied, setApplied] = useState(filters);
  useEffect(() => { const t = setTimeout(() => setApplied(filters), 250); return () => clearTimeout(t); }, [filters]);
  const query = new URLSearchParams({ sort, order, ...Object.fromEntries(Object.entries(applied).filter(([, v]) => v).map(([k, v]) => (k === 'status' ? [k, v!] : [`q_${k}`, v!]))) });
  const { data, error, reload } = useLoad((signal) => get<Answer<'/voicemail/messages', 'get'>>(`/voicemail/messages?${query.toString()}`, signal), [query.toString()]);
  const { data: storage, reload: reloadStorage } = useLoad((signal) => get<Storage>('/voicemail/storage', signal), []);
  const action = useAction();
  const changed = () => { reload(); reloadStorage(); };
  // A message left, heard or deleted by phone shows here as it happens.
  useLiveChanges(['voicemail.messages'], useSession().me.user.id, changed);

  const sortBy = (key: ColumnKey) => { if (key === sort) setOrder(order === 'asc' ? 'desc' : 'asc'); else { setSort(key); setOrder('asc'); } };
  return (
    <Page title="Voicemail">
      {storage && <p className="muted">{storage.messages} message{storage.messages === 1 ? '' : 's'}, {Math.round(storage.seconds)} s, {(storage.bytes / 1024).toFixed(0)} KB used{storage.retentionDays ? ` · kept for ${storage.retentionDays} days` : ''}.</p>}
      <ErrorMessage error={error} />
      <ErrorMessage error={action.error} />
      <Saved message={action.saved} />
      <div className="table-wrap">
        <table className="data" aria-label="Voicemail messages">
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th key={c.key} scope="col" aria-sort={sort === c.key ? (order === 'asc' ? 'ascending' : 'descending') : 'none'}>
                  <button type="button" className="sort" onClick={() => sortBy(c.key)}>{c.title}{sort === c.key ? (order === 'asc' ? ' ▲' : ' ▼') : ''}</button>
                </th>
              ))}
              <th scope="col">Message</th>
            </tr>
            <tr className="filters">
              {COLUMNS.map((c) => (
                <td key={c.key}>
                  {c.key === 'status' ? (
                    <select aria-label="Filter by status" value={filters.status ?? ''} onChange={(e) => setFilters({ ...filters, status: e.target.value })}>
                      <option value="">Any</option><option value="new">New</option><option value="saved">Saved</option>
                    </select>
                  ) : <input type="search" aria-label={`Filter by ${c.title.toLowerCase()}`} value={filters[c.key] ?? ''} onChange={(e) => setFilters({ ...filters, [c.key]: e.target.value })} />}
                </td>
              ))}
              <td />
            </tr>
          </thead>
          <tbody>
            {data?.messages.map((m) => (
              <tr key={m.id} className={m.status === 'new' ? 'unread' : undefined}>
                {COLUMNS.map((c) => <td key={c.key} data-label={c.title}>{c.value(m)}</td>)}
                <td className="message-actions">
                  <audio controls preload="none" src={m.audioUrl} aria-label={`Play the message from ${m.callerName ?? m.callerNumber ?? 'unknown'}`}
                    onPlay={() => { if (!m.readAt) void patch(`/voicemail/messages/${m.id}`, { read: true }); }} />
                  <div className="buttons">
                    <a className="button" href={`${m.audioUrl}?download=1`} download>Download</a>
                    {m.status === 'new' && <button type="button" onClick={() => void action.run(async () => { await patch(`/voicemail/messages/${m.id}`, { status: 'saved' }); changed(); }, 'Message saved.')}>Save</button>}
                    <button type="button" onClick={() => { const to = window.prompt('Send this message to which e-mail address?'); if (to) void action.run(() => post(`/voicemail/messages/${m.id}/email`, { to, attachAudio: true }), `Sending to ${to}.`); }}>E-mail</button>
                    <button type="button" onClick={() => { const ext = window.prompt('Forward to which extension?'); if (ext) void action.run(async () => { await forward(m.id, ext); }, `Forwarded to ${ext}.`); }}>Forward</button>
                    <button type="button" className="danger" onClick={() => { if (window.confirm('Delete this message?')) void action.run(async () => { await del(`/voicemail/messages/${m.id}`); changed(); }, 'Message deleted.'); }}>Delete</button>
                  </div>
                </td>
              </tr>
            ))}
            {data && data.messages.length === 0 && <tr><td colSpan={COLUMNS.length + 1}>No messages{Object.values(applied).some(Boolean) ? ' match the filters' : ''}.</td></tr>}
          </tbody>
        </table>
      </div>
      <div className="cards wide-cards">
        <Notification />
        <Greetings />
      </div>
    </Page>
  );
}

/** By extension: the recipient need not be in the attendant directory, only have a mailbox. */
async function forward(messageId: number, extension: string): Promise<void> {
  await post(`/voicemail/messages/${messageId}/forward`, { extensions: [extension.trim()] });
}

function Notification() {
  const { data, error, reload } = useLoad((signal) => get<Settings>('/voicemail/settings', signal), []);
  // Locked or unlocked elsewhere (wrong PINs by phone, an administrator's bulk edit).
  useLiveChanges(['voicemail.settings'], useSession().me.user.id, reload);
  // What the user picked and has not saved; otherwise what is stored, so no frame shows a default that is not theirs.
  const [picked, setNotify] = useState<Settings['notify']>();
  const action = useAction();
  useEffect(() => setNotify(undefined), [data]);
  const notify = picked ?? data?.notify ?? 'none';
  return (
    <form className="card" aria-labelledby="notify-title" onSubmit={(e) => { e.preventDefault(); void action.run(() => put('/voicemail/settings', { notify }), 'Notification saved.'); }}>
      <h2 id="notify-title">Notification</h2>
      <ErrorMessage error={error} />
      {data?.locked && <p className="error">Your mailbox is locked after too many wrong PINs: ask an administrator to unlock it.</p>}
      <Field label="When a message arrives">{(id) => (
        <select id={id} value={notify} onChange={(e) => setNotify(e.target.value as Settings['notify'])}>
          <option value="none">Do not notify me</option><option value="email">Send me an e-mail</option><option value="email-attachment">Send me an e-mail with the audio attached</option>
        </select>
      )}</Field>
      <ErrorMessage error={action.error} />
      <button type="submit" className="primary" disabled={action.busy || !data}>Save notification</button>
      <Saved message={action.saved} />
    </form>
  );
}
