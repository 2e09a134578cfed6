import { useEffect, useState, type FormEvent } from 'react';
import { del, get, put, type Answer, type Schemas, type User } from '../api';
import { useSession } from '../App';
import { ErrorMessage, Field, Page, Saved, useAction, useLoad } from '../ui';
import { AgentLogin } from './AgentLogin';
import { useLiveChanges } from '../live';

type State = Schemas['OutOfOffice'];

/** `datetime-local` works in the browser's time zone; the API takes instants. */
const toLocal = (iso: string | null) => {
  if (!iso) return '';
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const fromLocal = (value: string) => (value ? new Date(value).toISOString() : null);

/** Out of office now or for a date range, with an optional backup other than the default. */
export function OutOfOfficePage() {
  const { me } = useSession();
  const path = `/attendant/users/${me.user.id}/out-of-office`;
  const { data, error, setData, reload } = useLoad((signal) => get<State>(path, signal), [path]);
  // Set or cleared by phone (*97, option 4) or by an administrator: shown as it happens.
  useLiveChanges(['out-of-office'], me.user.id, reload);
  const [when, setWhen] = useState<'now' | 'range'>('now');
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [backup, setBackup] = useState('');
  const [backupName, setBackupName] = useState<string | null>(null);
  const action = useAction();
  const clear = useAction();

  useEffect(() => {
    const o = data?.outOfOffice;
    if (!o) return;
    setWhen(o.startsAt || o.endsAt ? 'range' : 'now');
    setStartsAt(toLocal(o.startsAt)); setEndsAt(toLocal(o.endsAt));
    if (o.backupUserId) get<User>(`/users/${o.backupUserId}`).then((u) => { setBackup(u.extension); setBackupName(u.name); }, () => setBackupName(`user #${o.backupUserId}`));
  }, [data]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      let backupUserId: number | null = null;
      if (backup.trim()) {
        const found = await get<Answer<'/attendant/directory', 'get'>>(`/attendant/directory?number=${encodeURIComponent(backup.trim())}`);
        if (!found.entries[0]) throw new Error(`backup: nobody in the directory has extension ${backup.trim()}`);
        backupUserId = found.entries[0].userId;
        setBackupName(found.entries[0].name);
      }
      const body = when === 'now' ? { startsAt: null, endsAt: fromLocal(endsAt), backupUserId } : { startsAt: fromLocal(startsAt), endsAt: fromLocal(endsAt), backupUserId };
      setData(await put<State>(path, body));
    }, 'Out of office saved.');
  };
  const o = data?.outOfOffice;
  return (
    <Page title="Out of office">
      <ErrorMessage error={error} />
      {data && (
        <p role="status" className={data.activeNow ? 'badge warn big' : 'badge big'}>
          {data.activeNow ? 'You are out of office now' : o ? 'Out of office is scheduled' : 'You are in the office'}
          {o?.endsAt ? ` until ${new Date(o.endsAt).toLocaleString()}` : o && data.activeNow ? ' until you turn it off' : ''}
          {o?.startsAt && !data.activeNow ? ` from ${new Date(o.startsAt).toLocaleString()}` : ''}
        </p>
      )}
      <AgentLogin />
      <form className="card" onSubmit={submit} aria-label="Out of office">
        <p className="muted">While you are away, calls the attendant puts through to you go to your backup; with no backup, to your voicemail with your out-of-office greeting.</p>
        <fieldset><legend>When</legend>
          <label className="check"><input type="radio" name="when" checked={when === 'now'} onChange={() => setWhen('now')} />From now</label>
          <label className="check"><input type="radio" name="when" checked={when === 'range'} onChange={() => setWhen('range')} />For a date range</label>
        </fieldset>
        {when === 'range' && <Field label="Away from">{(id) => <input id={id} type="datetime-local" value={startsAt} onChange={(e) => setStartsAt(e.target.value)} />}</Field>}
        <Field label="Back on" hint="Leave empty to stay out of office until you turn it off.">{(id) => <input id={id} type="datetime-local" value={endsAt} onChange={(e) => setEndsAt(e.target.value)} />}</Field>
        <Field label="Backup's extension" hint={backupName ? `Now: ${backupName}. Leave empty for your default backup.` : 'Leave empty for your default backup.'}>{(id) => <input id={id} inputMode="numeric" value={backup} onChange={(e) => setBackup(e.target.value)} />}</Field>
        <ErrorMessage error={action.error} />
        <div className="buttons">
          <button type="submit" className="primary" disabled={action.busy}>Set out of office</button>
          {o && <button type="button" disabled={clear.busy} onClick={() => void clear.run(async () => { await del(path); setData({ outOfOffice: null, activeNow: false }); setBackup(''); setBackupName(null); setEndsAt(''); setStartsAt(''); }, 'Out of office turned off.')}>Turn off out of office</button>}
        </div>
        <Saved message={action.saved ?? clear.saved} />
        <ErrorMessage error={clear.error} />
      </form>
    </Page>
  );
}
