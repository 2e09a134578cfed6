import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { ApiError, get, hasRoute, post, setCsrfToken, whenSignedOut, type Me, type User } from './api';
import { AuditPage } from './pages/Audit';
import { AccountPage } from './pages/Account';
import { AssistantPage } from './pages/Assistant';
import { AssistantConsolePage } from './pages/AssistantConsole';
import { ExecutivePage } from './pages/Executive';
import { HomePage } from './pages/Home';
import { LivePage } from './pages/Live';
import { OperatorConsolePage } from './pages/OperatorConsole';
import { OrganisationPage } from './pages/Organisation';
import { OutOfOfficePage } from './pages/OutOfOffice';
import { SignInPage } from './pages/SignIn';
import { UserEditPage } from './pages/UserEdit';
import { UsersPage } from './pages/Users';
import { VoicemailPage } from './pages/Voicemail';
import { ErrorMessage, Link, navigate, usePath } from './ui';

interface Session { me: Me; refresh: () => Promise<void>; signOut: () => Promise<void>; stopImpersonating: () => Promise<void> }
const SessionContext = createContext<Session | null>(null);
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('no session');
  return session;
}

export function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [error, setError] = useState<unknown>();
  const refresh = useCallback(async () => {
    try {
      const current = await get<Me>('/auth/me');
      setCsrfToken(current.csrfToken);
      setMe(current);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) { setCsrfToken(null); setMe(null); } else setError(e);
    }
  }, []);
  useEffect(() => { whenSignedOut(() => { setCsrfToken(null); setMe(null); }); void refresh(); }, [refresh]);

  if (me === undefined) return error ? <main className="narrow"><ErrorMessage error={error} /></main> : <main className="narrow" aria-busy="true">Loading…</main>;
  if (me === null) return <SignInPage onSignedIn={refresh} />;

  const session: Session = {
    me, refresh,
    async signOut() {
      await post('/auth/logout').catch(() => undefined);
      setCsrfToken(null); setMe(null); navigate('/');
    },
    async stopImpersonating() {
      await post('/auth/impersonate/stop');
      navigate('/users');
      await refresh();
    },
  };
  return <SessionContext.Provider value={session}><Shell /></SessionContext.Provider>;
}

interface NavItem { to: string; label: string; show: (u: User) => boolean; route?: string; probe?: string }
const NAV: NavItem[] = [
  { to: '/', label: 'Overview', show: () => true },
  { to: '/live', label: 'Live view', show: () => true },
  // The operator may be no administrator: the server says whether the console is theirs.
  { to: '/operator', label: 'Operator console', show: () => true, route: '/attendant/console', probe: '/attendant/console' },
  { to: '/executive', label: 'Executive', show: (u) => u.services.includes('executive'), route: '/executives/{id}/assistants' },
  { to: '/console', label: 'Assistant console', show: (u) => u.services.includes('assistant'), route: '/assistant-console' },
  { to: '/assistant', label: 'My executives', show: (u) => u.services.includes('assistant'), route: '/assistants/{id}/settings' },
  { to: '/out-of-office', label: 'Out of office', show: () => true, route: '/attendant/users/{id}/out-of-office' },
  { to: '/voicemail', label: 'Voicemail', show: (u) => u.services.includes('voicemail'), route: '/voicemail/messages' },
  { to: '/account', label: 'My account', show: () => true },
  { to: '/users', label: 'Users', show: (u) => u.role === 'admin' },
  { to: '/organisation', label: 'Organisation', show: (u) => u.role === 'admin', route: '/attendant/settings' },
  { to: '/audit', label: 'Audit log', show: (u) => u.role === 'admin' },
];

function Shell() {
  const { me, signOut, stopImpersonating } = useSession();
  const path = usePath();
  const [available, setAvailable] = useState<Set<string>>(new Set(NAV.filter((n) => !n.route).map((n) => n.to)));
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => {
    void Promise.all(NAV.map(async (n) => ((!n.route || await hasRoute(n.route)) && (!n.probe || await get(n.probe).then(() => true, () => false)) ? n.to : null)))
      .then((found) => setAvailable(new Set(found.filter((f): f is string => f !== null))));
  }, []);
  useEffect(() => setMenuOpen(false), [path]);
  const items = NAV.filter((n) => n.show(me.user) && available.has(n.to));
  const section = '/' + (path.split('/')[1] ?? '');

  return (
    <>
      <a className="skip" href="#main">Skip to content</a>
      {me.impersonation && (
        <div className="impersonation" role="region" aria-label="Impersonation">
          <span><strong>{me.impersonation.by.name}</strong> is acting as <strong>{me.user.name}</strong> ({me.user.extension}). Reason: “{me.impersonation.reason}”. Every change is in the audit log.</span>
          <button type="button" onClick={() => void stopImpersonating()}>Stop acting as {me.user.name}</button>
        </div>
      )}
      <header className="top">
        <Link to="/" className="brand">Switchboard</Link>
        <button type="button" className="menu-button" aria-expanded={menuOpen} aria-controls="nav" onClick={() => setMenuOpen(!menuOpen)}>Menu</button>
        <nav id="nav" aria-label="Main" className={menuOpen ? 'open' : ''}>
          <ul>{items.map((n) => <li key={n.to}><Link to={n.to} current={section === n.to || (n.to === '/' && path === '/')}>{n.label}</Link></li>)}</ul>
        </nav>
        <div className="who">
          <span>{me.user.name} · {me.user.extension}{me.user.role === 'admin' ? ' · admin' : ''}</span>
          <button type="button" onClick={() => void signOut()}>Sign out</button>
        </div>
      </header>
      <main id="main" tabIndex={-1}><Route path={path} /></main>
    </>
  );
}

function Route({ path }: { path: string }): ReactNode {
  const { me } = useSession();
  const userEdit = /^\/users\/(\d+|new)$/.exec(path);
  if (path === '/') return <HomePage />;
  if (path === '/live') return <LivePage />;
  if (path === '/operator') return <OperatorConsolePage />;
  if (path === '/account') return <AccountPage />;
  if (path === '/executive') return <ExecutivePage executiveId={me.user.id} />;
  const executiveOf = /^\/executive\/(\d+)$/.exec(path);
  if (executiveOf) return <ExecutivePage executiveId={Number(executiveOf[1])} asAssistant />;
  if (path === '/assistant') return <AssistantPage />;
  if (path === '/console') return <AssistantConsolePage />;
  if (path === '/out-of-office') return <OutOfOfficePage />;
  if (path === '/voicemail') return <VoicemailPage />;
  if (me.user.role === 'admin') {
    if (path === '/users') return <UsersPage />;
    if (userEdit) return <UserEditPage id={userEdit[1] === 'new' ? null : Number(userEdit[1])} />;
    if (path === '/audit') return <AuditPage />;
    if (path === '/organisation') return <OrganisationPage />;
    const adminExecutive = /^\/users\/(\d+)\/executive$/.exec(path);
    if (adminExecutive) return <ExecutivePage executiveId={Number(adminExecutive[1])} />;
  }
  return <section className="page"><h1>Page not found</h1><p>There is nothing at {path}. <Link to="/">Back to the overview</Link>.</p></section>;
}
