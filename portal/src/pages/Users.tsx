import { useEffect, useRef, useState, type FormEvent } from 'react';
import { get, post, setCsrfToken, type Answer, type User } from '../api';
import { useSession } from '../App';
import { ErrorMessage, Field, Link, Page, label, navigate, useAction, useLoad } from '../ui';
import { BulkEdit, CsvImportExport } from './UsersBulk';

export function UsersPage() {
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const { data, error, reload } = useLoad((signal) => get<Answer<'/users', 'get'>>(`/users?limit=500${query ? `&search=${encodeURIComponent(query)}` : ''}`, signal), [query]);
  const [actingAs, setActingAs] = useState<User | null>(null);
  const [selected, setSelected] = useState<number[]>([]);
  const allSelected = !!data && data.users.length > 0 && data.users.every((u) => selected.includes(u.id));
  useEffect(() => { const t = setTimeout(() => setQuery(search.trim()), 200); return () => clearTimeout(t); }, [search]);

  return (
    <Page title="Users" actions={<Link to="/users/new" className="button primary">New user</Link>}>
      <div className="toolbar">
        <Field label="Search by name or extension">{(id) => <input id={id} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />}</Field>
        {data && <p className="muted" aria-live="polite">{data.total} user{data.total === 1 ? '' : 's'}</p>}
      </div>
      <ErrorMessage error={error} />
      {data && (
        <div className="table-wrap">
          <table className="data">
            <caption className="sr-only">Users of the organisation</caption>
            <thead><tr><th scope="col"><input type="checkbox" aria-label="Select all users" checked={allSelected} onChange={(e) => setSelected(e.target.checked ? data.users.map((u) => u.id) : [])} /></th><th scope="col">Ext.</th><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Services</th><th scope="col">DIDs</th><th scope="col"><span className="sr-only">Actions</span></th></tr></thead>
            <tbody>
              {data.users.map((u) => (
                <tr key={u.id}>
                  <td><input type="checkbox" aria-label={`Select ${u.name}`} checked={selected.includes(u.id)} onChange={(e) => setSelected(e.target.checked ? [...selected, u.id] : selected.filter((x) => x !== u.id))} /></td>
                  <td data-label="Ext.">{u.extension}</td>
                  <td data-label="Name"><Link to={`/users/${u.id}`}>{u.name}</Link>{u.role === 'admin' && <span className="tag">admin</span>}<div className="muted small">{u.email}</div></td>
                  <td data-label="Type">{label(u.type)}</td>
                  <td data-label="Services">{u.services.map((s) => <span key={s} className="tag">{s}</span>)}</td>
                  <td data-label="DIDs">{u.dids.join(', ')}</td>
                  <td className="row-actions">
                    <Link to={`/users/${u.id}`} className="button">Edit<span className="sr-only"> {u.name}</span></Link>
                    <button type="button" onClick={() => setActingAs(u)}>Act as<span className="sr-only"> {u.name}</span></button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="cards wide-cards spaced">
        {data && selected.length > 0 && <BulkEdit selected={selected} users={data.users} onDone={reload} />}
        <CsvImportExport onImported={reload} />
      </div>
      {actingAs && <ImpersonateDialog user={actingAs} onClose={() => setActingAs(null)} />}
    </Page>
  );
}

/** Acting as someone needs a reason: it is audited and shown in a banner for as long as it lasts. */
function ImpersonateDialog({ user, onClose }: { user: User; onClose: () => void }) {
  const { refresh } = useSession();
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const action = useAction();
  useEffect(() => { dialog.current?.showModal(); }, []);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await action.run(async () => {
      const session = await post<Answer<'/auth/impersonate', 'post', 201>>('/auth/impersonate', { userId: user.id, reason });
      setCsrfToken(session.csrfToken);
    });
    if (ok) { navigate('/'); await refresh(); }
  };
  return (
    <dialog ref={dialog} onClose={onClose} aria-labelledby="imp-title" className="dialog">
      <form onSubmit={(e) => void submit(e)}>
        <h2 id="imp-title">Act as {user.name} ({user.extension})</h2>
        <p>You will see and change everything as {user.name}. Your reason and every change you make are recorded in the audit log that your organisation's administrators can read.</p>
        <Field label="Reason (required)" hint="For example: the ticket number or what the user asked for.">
          {(id) => <textarea id={id} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
        <ErrorMessage error={action.error} />
        <div className="buttons">
          <button type="submit" className="primary" disabled={action.busy}>Start acting as {user.name}</button>
          <button type="button" onClick={() => dialog.current?.close()}>Cancel</button>
        </div>
      </form>
    </dialog>
  );
}
