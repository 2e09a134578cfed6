import { useState, type FormEvent } from 'react';
import { api, post, SERVICES, USER_TYPES, type Answer, type Service, type User } from '../api';
import { ErrorMessage, Field, Saved, label, useAction } from '../ui';

type Tri = '' | 'yes' | 'no';
const VOICEMAIL_NOTIFY = [['none', 'No e-mail'], ['email', 'E-mail'], ['email-attachment', 'E-mail with the audio attached']] as const;

/** Change many selected users at once (type, backup, services, directory, login, voicemail options); only what is set here changes. */
export function BulkEdit({ selected, users, onDone }: { selected: number[]; users: User[]; onDone: () => void }) {
  const [type, setType] = useState('');
  const [backup, setBackup] = useState('');
  const [add, setAdd] = useState<Service[]>([]);
  const [remove, setRemove] = useState<Service[]>([]);
  const [hidden, setHidden] = useState<Tri>('');
  const [loggedIn, setLoggedIn] = useState<Tri>('');
  const [notify, setNotify] = useState('');
  const [unlock, setUnlock] = useState(false);
  const [pin, setPin] = useState('');
  const action = useAction();
  const toggle = (list: Service[], set: (l: Service[]) => void, s: Service, on: boolean) => set(on ? [...list, s] : list.filter((x) => x !== s));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      const set: Record<string, unknown> = {};
      if (type) set.type = type;
      if (backup) set.backupUserId = backup === 'none' ? null : Number(backup);
      if (add.length) set.addServices = add;
      if (remove.length) set.removeServices = remove;
      if (hidden) set.hiddenFromDirectory = hidden === 'yes';
      if (loggedIn) set.loggedIn = loggedIn === 'yes';
      if (notify) set.voicemailNotify = notify;
      if (unlock) set.unlockMailboxes = true;
      if (pin) set.voicemailPin = pin;
      const result = await post<Answer<'/attendant/users/bulk', 'post'>>('/attendant/users/bulk', { userIds: selected, set });
      setPin('');
      onDone();
      return result;
    }, `Updated ${selected.length} user${selected.length === 1 ? '' : 's'}.`);
  };
  const tri = (value: Tri, onChange: (v: Tri) => void) => (id: string) => (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value as Tri)}><option value="">Leave as is</option><option value="yes">Yes</option><option value="no">No</option></select>
  );
  return (
    <form className="card" onSubmit={submit} aria-labelledby="bulk-title">
      <h2 id="bulk-title">Change {selected.length} selected user{selected.length === 1 ? '' : 's'}</h2>
      <div className="form-grid">
        <Field label="Set type">{(id) => <select id={id} value={type} onChange={(e) => setType(e.target.value)}><option value="">Leave as is</option>{USER_TYPES.map((t) => <option key={t} value={t}>{label(t)}</option>)}</select>}</Field>
        <Field label="Set backup user">{(id) => (
          <select id={id} value={backup} onChange={(e) => setBackup(e.target.value)}>
            <option value="">Leave as is</option><option value="none">No backup</option>
            {users.map((u) => <option key={u.id} value={u.id}>{u.name} ({u.extension})</option>)}
          </select>
        )}</Field>
        <Field label="Hidden from the directory">{tri(hidden, setHidden)}</Field>
        <Field label="Agent logged in">{tri(loggedIn, setLoggedIn)}</Field>
        <Field label="Voicemail notification">{(id) => (
          <select id={id} value={notify} onChange={(e) => setNotify(e.target.value)}>
            <option value="">Leave as is</option>
            {VOICEMAIL_NOTIFY.map(([mode, text]) => <option key={mode} value={mode}>{text}</option>)}
          </select>
        )}</Field>
        <Field label="New voicemail PIN" hint="The same PIN for every selected mailbox (each owner then changes it); also unlocks them. Empty: PINs stay as they are.">
          {(id) => <input id={id} inputMode="numeric" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value)} />}
        </Field>
        <label className="check"><input type="checkbox" checked={unlock} onChange={(e) => setUnlock(e.target.checked)} />Unlock mailboxes locked by wrong PINs</label>
        <fieldset><legend>Add services</legend>{SERVICES.map((s) => <label key={s} className="check"><input type="checkbox" checked={add.includes(s)} onChange={(e) => toggle(add, setAdd, s, e.target.checked)} />Add {s}</label>)}</fieldset>
        <fieldset><legend>Remove services</legend>{SERVICES.map((s) => <label key={s} className="check"><input type="checkbox" checked={remove.includes(s)} onChange={(e) => toggle(remove, setRemove, s, e.target.checked)} />Remove {s}</label>)}</fieldset>
      </div>
      <ErrorMessage error={action.error} />
      <button type="submit" className="primary" disabled={action.busy}>Apply to {selected.length} selected</button>
      <Saved message={action.saved} />
    </form>
  );
}

/** Export every user as CSV, or import a CSV (new extensions are created, known ones updated). */
export function CsvImportExport({ onImported }: { onImported: () => void }) {
  const action = useAction();
  const [result, setResult] = useState<string | null>(null);
  const importFile = (file: File) => void action.run(async () => {
    const text = await file.text();
    const r = await api<Answer<'/attendant/users.csv', 'post'>>('POST', '/attendant/users.csv', new Blob([text], { type: 'text/csv' }));
    setResult(`Imported: ${r.created} created, ${r.updated} updated.`);
    onImported();
  }, 'Import done.');
  return (
    <section className="card" aria-labelledby="csv-title">
      <h2 id="csv-title">CSV</h2>
      <div className="buttons">
        <a className="button" href="/api/attendant/users.csv" download="users.csv">Export users as CSV</a>
        <label className="button">Import users from CSV
          <input type="file" accept=".csv,text/csv" className="sr-only" onChange={(e) => { const f = e.target.files?.[0]; if (f) importFile(f); e.target.value = ''; }} />
        </label>
      </div>
      <p className="muted small">Columns: extension, name, email, type, services, aliases, hiddenFromDirectory, secondaryNumber, backupExtension, noAnswerSeconds, dids. Empty cells leave a known user's value as it is.</p>
      <ErrorMessage error={action.error} />
      <p role="status" className="saved">{result ?? ''}</p>
    </section>
  );
}
