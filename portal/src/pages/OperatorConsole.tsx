import { useEffect, useState, type DragEvent } from 'react';
import { post } from '../api';
import { ErrorMessage, Page, Saved, useAction } from '../ui';
import { callText, matchesSearch, PERSON_TEXT, waited, type ConsoleCall, type ConsolePerson, type ConsoleView } from './operator/console-text';

const CALL_TYPE = 'application/x-switchboard-call';

/**
 * The operator console: calls at the company number and the directory, pushed by the
 * server (SSE). A call is dragged onto a person to transfer it; with the keyboard, select
 * the call, then press Transfer on the person's row.
 */
export function OperatorConsolePage() {
  const [view, setView] = useState<ConsoleView | null>(null);
  const [connected, setConnected] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [over, setOver] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const action = useAction();
  useEffect(() => {
    const source = new EventSource('/api/attendant/console/live');
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    source.addEventListener('console', (e) => { setConnected(true); setView(JSON.parse((e as MessageEvent<string>).data) as ConsoleView); });
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => { source.close(); clearInterval(tick); };
  }, []);
  const calls = view?.calls ?? [];
  const current = calls.find((c) => c.id === selected && c.state !== 'parked') ?? null;
  useEffect(() => { if (selected && !calls.some((c) => c.id === selected)) setSelected(null); }, [calls, selected]);

  const people = (view?.people ?? []).filter((p) => matchesSearch(p, query));
  const act = (path: string, body: unknown, done: string) => { void action.run(() => post(path, body), done); };
  const transfer = (call: ConsoleCall, person: ConsolePerson, announce: boolean) =>
    act(`/attendant/console/calls/${call.id}/transfer`, { userId: person.id, announce }, `${announce ? 'Announcing' : 'Transferring'} ${call.caller.name || call.caller.number} to ${person.name}.`);
  const onDrop = (e: DragEvent, person: ConsolePerson) => {
    e.preventDefault();
    setOver(null);
    const call = calls.find((c) => c.id === e.dataTransfer.getData(CALL_TYPE));
    if (call) transfer(call, person, false);
  };

  return (
    <Page title="Operator console">
      <p className={connected ? 'live-status on' : 'live-status'} role="status">{connected ? 'Live: updates as calls change' : 'Connecting…'}</p>
      <ErrorMessage error={action.error} />
      <Saved message={action.saved} />
      <div className="operator-console">
        <section aria-labelledby="calls-title" className="console-calls">
          <h2 id="calls-title">Calls at the company number</h2>
          {view && calls.length === 0 && <p className="muted">No calls right now.</p>}
          <ul aria-label="Calls">
            {calls.map((call) => (
              <li key={call.id} data-call={call.id} data-state={call.state} className={call.id === selected ? 'call selected' : 'call'}
                draggable={call.state !== 'parked'} onDragStart={(e) => { e.dataTransfer.setData(CALL_TYPE, call.id); e.dataTransfer.effectAllowed = 'move'; }}>
                <strong>{call.caller.name || 'Unknown caller'}</strong> <span className="muted">{call.caller.number}</span>
                <div className={`state ${call.state}`}>{callText(call)}</div>
                <div className="muted">Waiting <time>{waited(call.since, now)}</time></div>
                <div className="actions">
                  {call.state === 'parked' ? (
                    <button type="button" disabled={call.with !== null} onClick={() => act(`/attendant/console/parked/${call.slot ?? 0}/pickup`, {}, `Your phone rings for slot ${call.slot ?? ''}.`)}>Pick up</button>
                  ) : (
                    <>
                      <button type="button" aria-pressed={call.id === selected} onClick={() => setSelected(call.id === selected ? null : call.id)}>{call.id === selected ? 'Selected' : 'Select'}</button>
                      <button type="button" onClick={() => act(`/attendant/console/calls/${call.id}/park`, {}, 'Parked.')}>Park</button>
                    </>
                  )}
                  <button type="button" className="danger" onClick={() => act(`/attendant/console/calls/${call.id}/hangup`, {}, 'Hung up.')}>Hang up</button>
                </div>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="people-title" className="console-people">
          <h2 id="people-title">Directory</h2>
          <label className="field">Find a person (name, extension or DID)
            <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="e.g. Bob, 1007 or 5551007" />
          </label>
          <p className="muted" id="console-hint">{current ? `Send ${current.caller.name || current.caller.number} to a person below, or drag a call onto a person.` : 'Select a call, or drag one onto a person, to transfer it.'}</p>
          <table className="data" aria-label="People">
            <thead><tr><th scope="col">Person</th><th scope="col">State</th><th scope="col">Send the call</th></tr></thead>
            <tbody>
              {people.map((person) => (
                <tr key={person.id} data-person={person.extension} data-state={person.state} className={over === person.id ? 'drop-target' : undefined}
                  onDragOver={(e) => { if (e.dataTransfer.types.includes(CALL_TYPE)) { e.preventDefault(); setOver(person.id); } }}
                  onDragLeave={() => setOver((o) => (o === person.id ? null : o))} onDrop={(e) => onDrop(e, person)}>
                  <th scope="row">{person.name} <span className="muted">{person.extension}{person.dids.length ? ` · ${person.dids.join(', ')}` : ''}</span></th>
                  <td data-label="State">
                    <span className={`state ${person.state}`}>{PERSON_TEXT[person.state]}</span>
                    {person.state === 'out-of-office' && <span className="muted">{person.backup ? ` — backup ${person.backup.name} (${person.backup.extension})` : ' — to voicemail'}</span>}
                  </td>
                  <td data-label="Send the call" className="actions">
                    <button type="button" disabled={!current} aria-describedby="console-hint" aria-label={`Transfer to ${person.name}`} onClick={() => current && transfer(current, person, false)}>Transfer</button>
                    <button type="button" disabled={!current} aria-label={`Announce to ${person.name}`} onClick={() => current && transfer(current, person, true)}>Announce</button>
                    <button type="button" disabled={!current} aria-label={`Voicemail of ${person.name}`} onClick={() => current && act(`/attendant/console/calls/${current.id}/voicemail`, { userId: person.id }, `Sent to ${person.name}'s voicemail.`)}>Voicemail</button>
                  </td>
                </tr>
              ))}
              {view && people.length === 0 && <tr><td colSpan={3}>Nobody matches “{query}”.</td></tr>}
            </tbody>
          </table>
        </section>
      </div>
    </Page>
  );
}
