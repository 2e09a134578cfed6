import { useState } from 'react';
import { useLiveStream } from '../live';
import type { Schemas } from '../api';
import { Page, label } from '../ui';

type Snapshot = Schemas['LiveSnapshot'];
type LiveLine = Snapshot['lines'][number];
type LiveUser = Snapshot['users'][number];
type Activity = Schemas['LiveActivity'];

const STATE_TEXT: Record<LiveLine['state'], string> = { ringing: 'Ringing', calling: 'Calling', talking: 'On a call', 'on-hold': 'On hold' };

/** Who is on a call, which assistants ring, filtering and out of office: pushed by the server (SSE), no reload. */
export function LivePage() {
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null);
  const [activity, setActivity] = useState<Activity[]>([]);
  const [filter, setFilter] = useState<'all' | 'busy'>('all');
  const connected = useLiveStream({
    snapshot: (s) => setSnapshot(s as Snapshot),
    activity: (a) => setActivity((list) => [a as Activity, ...list].slice(0, 20)),
  });

  const linesOf = (id: number) => snapshot?.lines.filter((l) => l.userId === id) ?? [];
  const users = (snapshot?.users ?? []).filter((u) => filter === 'all' || linesOf(u.id).length > 0);
  return (
    <Page title="Live view">
      <p className={connected ? 'live-status on' : 'live-status'} role="status">{connected ? 'Live: updates as calls change' : 'Connecting…'}</p>
      <fieldset className="segmented"><legend>Show</legend>
        <label><input type="radio" name="show" checked={filter === 'all'} onChange={() => setFilter('all')} /> Everyone</label>
        <label><input type="radio" name="show" checked={filter === 'busy'} onChange={() => setFilter('busy')} /> Only people on a call or ringing</label>
      </fieldset>
      <div className="table-wrap">
        <table className="data live" aria-label="People and their calls">
          <thead><tr><th scope="col">Person</th><th scope="col">Phone</th><th scope="col">Filtering</th><th scope="col">Out of office</th><th scope="col">Agent</th></tr></thead>
          <tbody>
            {users.map((u) => {
              const lines = linesOf(u.id);
              return (
                <tr key={u.id} data-user={u.extension} data-phone={lines[0]?.state ?? 'idle'}>
                  <th scope="row" data-label="Person">{u.name} <span className="muted">{u.extension}</span>{u.services.map((s) => <span key={s} className="tag">{s}</span>)}</th>
                  <td data-label="Phone">
                    {lines.length === 0 ? <span className="state idle">Idle</span> : lines.map((l) => (
                      <div key={l.channelId} className={`state ${l.state}`}>
                        {STATE_TEXT[l.state]}{l.peer.name || l.peer.number ? ` — ${[l.peer.name, l.peer.number].filter(Boolean).join(' ')}` : ''}
                        {l.callId && <small className="muted call-id" title="The call's id, as in the controller's logs"> · call {l.callId}</small>}
                      </div>
                    ))}
                  </td>
                  <td data-label="Filtering">{u.filtering === null ? <span className="muted">—</span> : u.filtering ? <span className="badge on">On</span> : <span className="badge">Off</span>}</td>
                  <td data-label="Out of office">{u.outOfOffice === null ? <span className="muted">—</span> : u.outOfOffice ? <span className="badge warn">Away</span> : <span className="badge">In</span>}</td>
                  <td data-label="Agent">{u.agentLoggedIn === null ? <span className="muted">—</span> : u.agentLoggedIn ? <span className="badge on">Logged in</span> : <span className="badge warn">Logged out</span>}</td>
                </tr>
              );
            })}
            {snapshot && users.length === 0 && <tr><td colSpan={5}>Nobody is on a call right now.</td></tr>}
          </tbody>
        </table>
      </div>
      {activity.length > 0 && (
        <section aria-labelledby="activity-title">
          <h2 id="activity-title">Recent activity</h2>
          <ul className="activity">{activity.map((a, i) => <li key={`${a.at}-${i}`}><time dateTime={a.at}>{new Date(a.at).toLocaleTimeString()}</time> {label(a.kind.replace(/\./g, ' '))}</li>)}</ul>
        </section>
      )}
    </Page>
  );
}
