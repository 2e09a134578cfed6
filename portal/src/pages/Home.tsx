import { useSession } from '../App';
import { Link, Page } from '../ui';

export function HomePage() {
  const { me } = useSession();
  const u = me.user;
  return (
    <Page title={`Hello, ${u.name}`}>
      <p>Extension <strong>{u.extension}</strong>{u.dids.length ? <> · direct numbers <strong>{u.dids.join(', ')}</strong></> : null}. Services: {u.services.length ? u.services.join(', ') : 'none'}.</p>
      <div className="cards">
        {u.services.includes('executive') && <Tile to="/executive" title="Executive settings" text="Your assistants, call filtering, screening and alerting." />}
        {u.services.includes('assistant') && <Tile to="/assistant" title="My executives" text="Opt in or out, divert, and your executives' filtering." />}
        <Tile to="/out-of-office" title="Out of office" text="Send attendant calls to a backup while you are away." />
        {u.services.includes('voicemail') && <Tile to="/voicemail" title="Voicemail" text="Listen to, download and manage your messages and greetings." />}
        <Tile to="/live" title="Live view" text="Who is on a call and who is ringing, as it happens." />
        {u.role === 'admin' && <Tile to="/users" title="Users" text="Create and edit users, their services, numbers and locations; act as a user." />}
        {u.role === 'admin' && <Tile to="/audit" title="Audit log" text="Impersonations and the changes made during them." />}
        <Tile to="/account" title="My account" text="Your details, voicemail PIN and password." />
      </div>
      <p className="muted small">The portal uses the same <a href="/api/docs">documented REST API</a> as any other client.</p>
    </Page>
  );
}

function Tile({ to, title, text }: { to: string; title: string; text: string }) {
  return <Link to={to} className="card tile"><strong>{title}</strong><span>{text}</span></Link>;
}
