import { useEffect, useState } from 'react';
import { get, put, type Me } from '../api';
import { ErrorMessage, Saved, useAction, useLoad } from '../ui';

/** An agent's log in / log out (the same as *50 / *51 on the phone): the attendant rings a logged-out agent's phone never. */
export function AgentLogin() {
  const { data } = useLoad((signal) => get<Me>('/auth/me', signal), []);
  const [loggedIn, setLoggedIn] = useState<boolean | null>(null);
  const action = useAction();
  useEffect(() => { if (data) setLoggedIn(data.user.loggedIn); }, [data]);
  if (!data || loggedIn === null || (data.user.type !== 'agent' && data.user.type !== 'floating_agent')) return null;
  const toggle = () => void action.run(async () => {
    const next = await put<{ loggedIn: boolean }>(`/attendant/users/${data.user.id}/agent-login`, { loggedIn: !loggedIn });
    setLoggedIn(next.loggedIn);
  }, loggedIn ? 'Logged out.' : 'Logged in.');
  return (
    <section className="card" aria-labelledby="agent-title">
      <h2 id="agent-title">Agent</h2>
      <p role="status" className={loggedIn ? 'badge on big' : 'badge warn big'}>{loggedIn ? 'You are logged in: the attendant puts calls through to you' : 'You are logged out: the attendant does not ring you'}</p>
      <p className="muted">On your phone: *50 logs you in, *51 logs you out.</p>
      <div className="buttons"><button type="button" className="primary" disabled={action.busy} onClick={toggle}>{loggedIn ? 'Log out' : 'Log in'}</button></div>
      <Saved message={action.saved} />
      <ErrorMessage error={action.error} />
    </section>
  );
}
