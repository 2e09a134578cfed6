import { useState, type FormEvent } from 'react';
import { patch } from '../api';
import { useSession } from '../App';
import { ErrorMessage, Field, Page, Saved, useAction } from '../ui';

/** A user's own account: name, e-mail, portal password and voicemail PIN. */
export function AccountPage() {
  const { me, refresh } = useSession();
  const [name, setName] = useState(me.user.name);
  const [email, setEmail] = useState(me.user.email ?? '');
  const [currentPassword, setCurrentPassword] = useState('');
  const [password, setPassword] = useState('');
  const [pin, setPin] = useState('');
  const [pinAgain, setPinAgain] = useState('');
  const details = useAction();
  const secret = useAction();
  const pinAction = useAction();

  const saveDetails = (e: FormEvent) => { e.preventDefault(); void details.run(async () => { await patch(`/users/${me.user.id}`, { name, email: email.trim() || null }); await refresh(); }); };
  const savePassword = (e: FormEvent) => { e.preventDefault(); void secret.run(async () => { await patch(`/users/${me.user.id}`, { password, currentPassword }); setPassword(''); setCurrentPassword(''); }, 'Password changed. Your other sessions were signed out.'); };
  const savePin = (e: FormEvent) => {
    e.preventDefault();
    void pinAction.run(async () => {
      if (pin !== pinAgain) throw new Error('the two PINs differ; type the same PIN twice');
      await patch(`/users/${me.user.id}`, { pin });
      setPin(''); setPinAgain('');
    }, 'Voicemail PIN changed.');
  };
  return (
    <Page title="My account">
      <div className="cards">
        <form className="card" onSubmit={saveDetails} aria-labelledby="acc-details">
          <h2 id="acc-details">Details</h2>
          <p className="muted">Extension {me.user.extension}{me.user.dids.length ? ` · DIDs ${me.user.dids.join(', ')}` : ''}</p>
          <Field label="Name">{(id) => <input id={id} value={name} onChange={(e) => setName(e.target.value)} />}</Field>
          <Field label="E-mail">{(id) => <input id={id} type="email" value={email} onChange={(e) => setEmail(e.target.value)} />}</Field>
          <ErrorMessage error={details.error} />
          <button type="submit" className="primary" disabled={details.busy}>Save details</button>
          <Saved message={details.saved} />
        </form>
        <form className="card" onSubmit={savePin} aria-labelledby="acc-pin">
          <h2 id="acc-pin">Voicemail PIN</h2>
          <Field label="New PIN" hint="4 to 10 digits, not all the same.">{(id) => <input id={id} type="password" inputMode="numeric" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value)} />}</Field>
          <Field label="New PIN again">{(id) => <input id={id} type="password" inputMode="numeric" autoComplete="off" value={pinAgain} onChange={(e) => setPinAgain(e.target.value)} />}</Field>
          <ErrorMessage error={pinAction.error} />
          <button type="submit" className="primary" disabled={pinAction.busy}>Change PIN</button>
          <Saved message={pinAction.saved} />
        </form>
        <form className="card" onSubmit={savePassword} aria-labelledby="acc-pw">
          <h2 id="acc-pw">Portal password</h2>
          <Field label="Current password">{(id) => <input id={id} type="password" autoComplete="current-password" value={currentPassword} onChange={(e) => setCurrentPassword(e.target.value)} />}</Field>
          <Field label="New password" hint="At least 8 characters.">{(id) => <input id={id} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />}</Field>
          <ErrorMessage error={secret.error} />
          <button type="submit" className="primary" disabled={secret.busy}>Change password</button>
          <Saved message={secret.saved} />
        </form>
      </div>
    </Page>
  );
}
