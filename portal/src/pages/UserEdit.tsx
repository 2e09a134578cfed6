import { useEffect, useState, type FormEvent } from 'react';
import { del, get, LOCATION_KINDS, patch, post, put, SERVICES, USER_TYPES, type Answer, type Location, type Service, type User } from '../api';
import { useSession } from '../App';
import { Check, ErrorMessage, Field, Link, Page, Saved, label, navigate, useAction, useLoad } from '../ui';

type Draft = Omit<User, 'id' | 'organisationId' | 'systemAdmin' | 'hasPassword' | 'hasPin' | 'locations' | 'dids'> & { password: string; currentPassword: string; pin: string; didsText: string; aliasesText: string };

const empty: Draft = {
  extension: '', name: '', email: null, role: 'user', type: 'agent', services: [], hiddenFromDirectory: false, aliases: [],
  backupUserId: null, secondaryNumber: null, loggedIn: true, noAnswerSeconds: 20, password: '', currentPassword: '', pin: '', didsText: '', aliasesText: '',
};

/** Administrators create and edit users: type, services, DIDs, locations, backup. */
export function UserEditPage({ id }: { id: number | null }) {
  const { data: user, error: loadError, setData } = useLoad((signal) => (id ? get<User>(`/users/${id}`, signal) : Promise.resolve(undefined)), [id]);
  const { data: others } = useLoad((signal) => get<Answer<'/users', 'get'>>('/users?limit=500', signal), []);
  const [draft, setDraft] = useState<Draft>(empty);
  const { me } = useSession();
  const editingSelf = id !== null && id === me.user.id;
  const [locations, setLocations] = useState<Location[]>([]);
  const save = useAction();
  const saveLocations = useAction();
  const remove = useAction();

  useEffect(() => {
    if (!user) return;
    setDraft({ ...user, password: '', currentPassword: '', pin: '', didsText: user.dids.join('\n'), aliasesText: user.aliases.join(', ') });
    setLocations(user.locations);
  }, [user]);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const toggleService = (s: Service, on: boolean) => set('services', on ? [...draft.services, s].sort() : draft.services.filter((x) => x !== s));

  const body = () => {
    const { password, currentPassword, pin, didsText, aliasesText } = draft;
    const rest = {
      extension: draft.extension, name: draft.name, email: draft.email, role: draft.role, type: draft.type, services: draft.services,
      hiddenFromDirectory: draft.hiddenFromDirectory, backupUserId: draft.backupUserId, secondaryNumber: draft.secondaryNumber,
      loggedIn: draft.loggedIn, noAnswerSeconds: draft.noAnswerSeconds,
    };
    return {
      ...rest,
      email: rest.email?.trim() ? rest.email.trim() : null,
      secondaryNumber: rest.secondaryNumber?.trim() ? rest.secondaryNumber.trim() : null,
      dids: didsText.split(/[\s,]+/).filter(Boolean),
      aliases: aliasesText.split(',').map((a) => a.trim()).filter(Boolean),
      // One's own password changes only with the one in use (the API refuses it otherwise).
      ...(password ? { password, ...(editingSelf ? { currentPassword } : {}) } : {}),
      ...(pin ? { pin } : {}),
    };
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await save.run(async () => {
      if (id) setData(await patch<User>(`/users/${id}`, body()));
      else {
        const created = await post<User>('/users', { ...body(), locations: [{ kind: 'primary', address: `PJSIP/${draft.extension}`, ringsForIncoming: true, label: null }] });
        navigate(`/users/${created.id}`);
      }
    }, id ? 'Saved.' : 'User created.');
  };
  const removeUser = async () => {
    if (!user || !window.confirm(`Delete ${user.name} (${user.extension})? This cannot be undone.`)) return;
    if (await remove.run(() => del(`/users/${user.id}`), 'Deleted.')) navigate('/users');
  };

  if (id && !user) return <Page title="User"><ErrorMessage error={loadError} />{!loadError && <p aria-busy="true">Loading…</p>}</Page>;
  return (
    <Page title={id ? `${user!.name} (${user!.extension})` : 'New user'} actions={
      <div className="buttons">
        {user?.services.includes('executive') && <Link to={`/users/${user.id}/executive`} className="button">Executive settings</Link>}
        <Link to="/users" className="button">All users</Link>
      </div>}>
      <form onSubmit={(e) => void submit(e)} className="card form-grid" aria-label="User details">
        <Field label="Extension">{(i) => <input id={i} inputMode="numeric" value={draft.extension} onChange={(e) => set('extension', e.target.value)} />}</Field>
        <Field label="Name">{(i) => <input id={i} value={draft.name} onChange={(e) => set('name', e.target.value)} />}</Field>
        <Field label="E-mail">{(i) => <input id={i} type="email" value={draft.email ?? ''} onChange={(e) => set('email', e.target.value)} />}</Field>
        <Field label="Role">{(i) => <select id={i} value={draft.role} onChange={(e) => set('role', e.target.value as Draft['role'])}><option value="user">User</option><option value="admin">Administrator</option></select>}</Field>
        <Field label="Type" hint="How the attendant reaches this user.">{(i) => (
          <select id={i} value={draft.type} onChange={(e) => set('type', e.target.value as Draft['type'])}>{USER_TYPES.map((t) => <option key={t} value={t}>{label(t)}</option>)}</select>
        )}</Field>
        <Field label="Backup user" hint="Takes attendant calls when this user is unavailable.">{(i) => (
          <select id={i} value={draft.backupUserId ?? ''} onChange={(e) => set('backupUserId', e.target.value ? Number(e.target.value) : null)}>
            <option value="">None</option>
            {others?.users.filter((o) => o.id !== id).map((o) => <option key={o.id} value={o.id}>{o.name} ({o.extension})</option>)}
          </select>
        )}</Field>
        <fieldset className="wide"><legend>Services</legend>
          {SERVICES.map((s) => <Check key={s} label={label(s)} checked={draft.services.includes(s)} onChange={(on) => toggleService(s, on)} />)}
        </fieldset>
        <Field label="DIDs" hint="External numbers that reach this user directly; one per line.">{(i) => <textarea id={i} rows={2} value={draft.didsText} onChange={(e) => set('didsText', e.target.value)} />}</Field>
        <Field label="Secondary number" hint="A business user's or floating agent's outside number.">{(i) => <input id={i} inputMode="tel" value={draft.secondaryNumber ?? ''} onChange={(e) => set('secondaryNumber', e.target.value)} />}</Field>
        <Field label="Aliases" hint="Other names the attendant recognises, separated by commas.">{(i) => <input id={i} value={draft.aliasesText} onChange={(e) => set('aliasesText', e.target.value)} />}</Field>
        <Field label="Rings before unavailable (seconds)">{(i) => <input id={i} type="number" min={5} max={120} value={draft.noAnswerSeconds} onChange={(e) => set('noAnswerSeconds', Number(e.target.value))} />}</Field>
        <div className="wide checks">
          <Check label="Hidden from the directory" checked={draft.hiddenFromDirectory} onChange={(v) => set('hiddenFromDirectory', v)} />
          <Check label="Agent logged in" checked={draft.loggedIn} onChange={(v) => set('loggedIn', v)} />
        </div>
        <Field label={id ? 'New password (leave empty to keep)' : 'Password'}>{(i) => <input id={i} type="password" autoComplete="new-password" value={draft.password} onChange={(e) => set('password', e.target.value)} />}</Field>
        {editingSelf && draft.password && <Field label="Current password" hint="Your own password changes only with the one you use now.">{(i) => <input id={i} type="password" autoComplete="current-password" value={draft.currentPassword} onChange={(e) => set('currentPassword', e.target.value)} />}</Field>}
        <Field label={id ? 'New voicemail PIN (leave empty to keep)' : 'Voicemail PIN'}>{(i) => <input id={i} inputMode="numeric" autoComplete="off" value={draft.pin} onChange={(e) => set('pin', e.target.value)} />}</Field>
        <div className="wide">
          <ErrorMessage error={save.error} />
          <div className="buttons">
            <button type="submit" className="primary" disabled={save.busy}>{id ? 'Save user' : 'Create user'}</button>
            {id && <button type="button" className="danger" onClick={() => void removeUser()} disabled={remove.busy}>Delete user</button>}
          </div>
          <Saved message={save.saved} />
          <ErrorMessage error={remove.error} />
        </div>
      </form>
      {id && user?.services.includes('voicemail') && <MailboxCard userId={id} />}
      {id && (
        <section className="card" aria-labelledby="loc-title">
          <h2 id="loc-title">Locations</h2>
          <p className="muted">The primary device always rings; shared call appearances ring for incoming calls when ticked; anywhere and mobile numbers are dialled through the outbound trunk.</p>
          <LocationsEditor locations={locations} onChange={setLocations} />
          <ErrorMessage error={saveLocations.error} />
          <button type="button" className="primary" disabled={saveLocations.busy}
            onClick={() => void saveLocations.run(async () => {
              const result = await put<Answer<'/users/{id}/locations', 'put'>>(`/users/${id}/locations`, { locations: locations.map(({ id: _id, ...l }) => l) });
              setLocations(result.locations);
            }, 'Locations saved.')}>Save locations</button>
          <Saved message={saveLocations.saved} />
        </section>
      )}
    </Page>
  );
}

function LocationsEditor({ locations, onChange }: { locations: Location[]; onChange: (l: Location[]) => void }) {
  const update = (index: number, change: Partial<Location>) => onChange(locations.map((l, i) => (i === index ? { ...l, ...change } : l)));
  return (
    <>
      <ul className="locations">
        {locations.map((l, index) => (
          <li key={l.id ?? `new-${index}`}>
            <Field label={`Location ${index + 1} kind`}>{(i) => (
              <select id={i} value={l.kind} onChange={(e) => update(index, { kind: e.target.value as Location['kind'] })}>{LOCATION_KINDS.map((k) => <option key={k} value={k}>{label(k)}</option>)}</select>
            )}</Field>
            <Field label={`Location ${index + 1} address`}>{(i) => <input id={i} value={l.address} placeholder={l.kind === 'primary' || l.kind === 'shared' ? 'PJSIP/1001' : '5551234'} onChange={(e) => update(index, { address: e.target.value })} />}</Field>
            <Field label={`Location ${index + 1} label`}>{(i) => <input id={i} value={l.label ?? ''} onChange={(e) => update(index, { label: e.target.value || null })} />}</Field>
            <Check label="Rings for incoming calls" checked={l.ringsForIncoming} onChange={(v) => update(index, { ringsForIncoming: v })} />
            <button type="button" onClick={() => onChange(locations.filter((_, i) => i !== index))}>Remove location {index + 1}</button>
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => onChange([...locations, { kind: 'shared', address: '', ringsForIncoming: true, label: null }])}>Add a location</button>
    </>
  );
}

/** An administrator's view of a user's mailbox: storage used, and unlocking it after too many wrong PINs. */
function MailboxCard({ userId }: { userId: number }) {
  const { data, error } = useLoad((signal) => get<Answer<'/voicemail/mailboxes/{userId}/storage', 'get'>>(`/voicemail/mailboxes/${userId}/storage`, signal), [userId]);
  const unlock = useAction();
  return (
    <section className="card" aria-labelledby="mbx-title">
      <h2 id="mbx-title">Mailbox</h2>
      <ErrorMessage error={error} />
      {data && <p>{data.messages} message{data.messages === 1 ? '' : 's'}, {Math.round(data.seconds)} s, {(data.bytes / 1024).toFixed(0)} KB.</p>}
      <button type="button" disabled={unlock.busy} onClick={() => void unlock.run(() => post(`/voicemail/mailboxes/${userId}/unlock`), 'Mailbox unlocked: the PIN may be tried again.')}>Unlock mailbox</button>
      <ErrorMessage error={unlock.error} />
      <Saved message={unlock.saved} />
    </section>
  );
}
