import { useState, type FormEvent } from 'react';
import { post, setCsrfToken, type Answer } from '../api';
import { ErrorMessage, Field } from '../ui';

export function SignInPage({ onSignedIn }: { onSignedIn: () => Promise<void> }) {
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  document.title = 'Sign in · Switchboard';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true); setError(undefined);
    try {
      const session = await post<Answer<'/auth/login', 'post'>>('/auth/login', { login, password });
      setCsrfToken(session.csrfToken);
      await onSignedIn();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="signin" id="main">
      <form onSubmit={(e) => void submit(e)} aria-labelledby="signin-title" className="card">
        <h1 id="signin-title">Sign in to Switchboard</h1>
        <Field label="E-mail or extension">{(id) => <input id={id} name="login" autoComplete="username" required value={login} onChange={(e) => setLogin(e.target.value)} />}</Field>
        <Field label="Password">{(id) => <input id={id} name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />}</Field>
        <ErrorMessage error={error} />
        <button type="submit" className="primary" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
      </form>
    </main>
  );
}
