import { useRef, useState } from 'react';
import { get, post, put, type Schemas } from '../api';
import { useLiveStream, useNow, waited } from '../live';
import { ErrorMessage, Link, Page, Saved, useAction, useLoad } from '../ui';

type Console = Schemas['AssistantConsole'];
type ConsoleExecutive = Schemas['ConsoleExecutive'];
type ConsoleCall = Schemas['AssistantConsoleCall'];
type CallAction = ConsoleCall['actions'][number];

const LINE_TEXT: Record<ConsoleExecutive['line']['state'], string> = { idle: 'Idle', ringing: 'Ringing', 'on-a-call': 'On a call', 'on-hold': 'On hold' };
const CALL_TEXT: Record<ConsoleCall['state'], string> = { 'ringing-assistants': 'Ringing the assistants', ringing: 'Ringing', answered: 'Answered', 'on-hold': 'On hold' };
const ACTION_TEXT: Record<CallAction, string> = {
  take: 'Take', voicemail: 'Send to voicemail', forward: 'Forward to…', push: 'Push to', hold: 'Hold', resume: 'Resume', transfer: 'Transfer to…',
};
const DONE_TEXT: Record<string, string> = {
  take: 'Your phone rings with the call.', voicemail: 'The caller is leaving a message.', forward: 'The call is being forwarded.',
  push: 'The call is ringing the executive.', announce: 'The executive rings: stay on the line to announce the caller.', hold: 'The caller is on hold.', resume: 'The caller is back.', transfer: 'The call is being transferred.',
  retrieve: 'Your phone rings: answer it to take the call.', bridge: 'Your phone rings: answer it to join the call.', call: 'Your phone rings: answer it and the number is dialled.',
};
const who = (p: { name: string; number: string }) => [p.name, p.number].filter(Boolean).join(' ');

/**
 * The assistant's console (issue 17): each executive's line and settings, the filtered
 * calls ringing now and the assistant's own executive calls, with what can be done to
 * them. Reloaded whenever the server pushes a change on /api/live (never polled).
 */
export function AssistantConsolePage() {
  const { data, error, reload, setData } = useLoad((signal) => get<Console>('/assistant-console', signal), []);
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // A burst of events (one call step) is one reload.
  const changed = () => { if (!pending.current) pending.current = setTimeout(() => { pending.current = undefined; reload(); }, 100); };
  const connected = useLiveStream({ snapshot: changed, activity: changed });
  const now = useNow();
  const action = useAction();
  const run = (path: string, body: unknown, done: string) => void action.run(async () => { await post(path, body); reload(); }, done);
  const divert = (enabled: boolean) => data && void action.run(async () => {
    await put(`/assistants/${data.assistant.id}/settings`, { divert: { ...data.assistant.divert, enabled } });
    setData({ ...data, assistant: { ...data.assistant, divert: { ...data.assistant.divert, enabled } } });
  }, enabled ? 'Divert is on.' : 'Divert is off.');

  return (
    <Page title="Assistant console">
      <p className={connected ? 'live-status on' : 'live-status'} role="status">{connected ? 'Live: updates as calls change' : 'Connecting…'}</p>
      <ErrorMessage error={error} />
      <ErrorMessage error={action.error} />
      <Saved message={action.saved} />
      {data && (
        <>
          <p>
            <label className="check">
              <input type="checkbox" checked={data.assistant.divert.enabled} disabled={action.busy || !data.assistant.divert.number} onChange={(e) => divert(e.target.checked)} />
              Divert my filtered calls{data.assistant.divert.number ? ` to ${data.assistant.divert.number}` : ''}
            </label>
            {!data.assistant.divert.number && <span className="muted"> (set a number under <Link to="/assistant">My executives</Link>)</span>}
          </p>
          {data.executives.length === 0 && <p>You are in no executive's pool.</p>}
          <div className="cards wide-cards">
            {data.executives.map((e) => <ExecutiveCard key={e.id} me={data.assistant.id} executive={e} now={now} busy={action.busy}
              run={run} setting={(path, body, done) => void action.run(async () => { await put(path, body); reload(); }, done)} />)}
          </div>
        </>
      )}
    </Page>
  );
}

interface CardProps {
  me: number;
  executive: ConsoleExecutive;
  now: number;
  busy: boolean;
  run: (path: string, body: unknown, done: string) => void;
  setting: (path: string, body: unknown, done: string) => void;
}

function ExecutiveCard({ me, executive: e, now, busy, run, setting }: CardProps) {
  const [dial, setDial] = useState('');
  const base = `/assistant-console/executives/${e.id}`;
  const titleId = `exec-${e.id}`;
  return (
    <section className="card console" aria-labelledby={titleId} data-executive={e.extension}>
      <h2 id={titleId}>{e.name} <span className="muted">{e.extension}</span></h2>
      <p className="console-line" data-line={e.line.state}>
        <span className={`state ${e.line.state === 'on-a-call' ? 'talking' : e.line.state}`}>{LINE_TEXT[e.line.state]}</span>
        {e.line.with && e.line.state !== 'ringing' && <> with {who(e.line.with)}</>}
      </p>
      <div className="console-settings">
        <label className="check"><input type="checkbox" checked={e.filtering} disabled={busy}
          onChange={(ev) => setting(`/executives/${e.id}/filtering`, { enabled: ev.target.checked }, `Filtering ${ev.target.checked ? 'on' : 'off'} for ${e.name}.`)} />Filtering</label>
        <label className="check"><input type="checkbox" checked={e.screening} disabled={busy}
          onChange={(ev) => setting(`/executives/${e.id}/screening`, { enabled: ev.target.checked }, `Screening ${ev.target.checked ? 'on' : 'off'} for ${e.name}.`)} />Screening</label>
        <label className="check"><input type="checkbox" checked={e.optedIn} disabled={busy || !e.allowOptInOut}
          onChange={(ev) => setting(`/assistants/${me}/executives/${e.id}/opt-in`, { optedIn: ev.target.checked }, `${ev.target.checked ? 'Opted in to' : 'Opted out of'} ${e.name}'s calls.`)} />
          I take {e.name}'s calls{e.allowOptInOut ? '' : ' (set by the executive)'}</label>
      </div>
      <h3>Calls</h3>
      {e.line.calls.length === 0 && <p className="muted">No calls right now.</p>}
      <ul className="pool console-calls">
        {e.line.calls.map((c) => <CallItem key={c.id} call={c} executive={e} now={now} busy={busy} run={(a, body) => run(`${base}/calls/${c.id}/${a}`, body, DONE_TEXT[a === 'push' && (body as { warm?: boolean }).warm ? 'announce' : a] ?? 'Done.')} />)}
      </ul>
      <div className="console-line-actions">
        {e.line.actions.includes('retrieve') && <button type="button" disabled={busy} onClick={() => run(`${base}/retrieve`, {}, DONE_TEXT.retrieve!)}>Retrieve<span className="sr-only"> {e.name}'s call</span></button>}
        {e.line.actions.includes('bridge') && <button type="button" disabled={busy} onClick={() => run(`${base}/bridge`, {}, DONE_TEXT.bridge!)}>Bridge<span className="sr-only"> into {e.name}'s call</span></button>}
        <form className="inline" onSubmit={(ev) => { ev.preventDefault(); if (dial.trim()) run(`${base}/call`, { number: dial.trim() }, DONE_TEXT.call!); }}>
          <label htmlFor={`dial-${e.id}`}>Call as {e.name}</label>
          <input id={`dial-${e.id}`} inputMode="tel" value={dial} onChange={(ev) => setDial(ev.target.value)} placeholder="Number or extension" />
          <button type="submit" disabled={busy || !dial.trim()}>Call<span className="sr-only"> as {e.name}</span></button>
        </form>
      </div>
    </section>
  );
}

function CallItem({ call: c, executive, now, busy, run }: { call: ConsoleCall; executive: ConsoleExecutive; now: number; busy: boolean; run: (a: CallAction, body: unknown) => void }) {
  const [asking, setAsking] = useState<'forward' | 'transfer' | null>(null);
  const [number, setNumber] = useState('');
  const caller = who(c.caller) || 'Unknown caller';
  return (
    <li data-call={c.id} data-state={c.state}>
      <span className="grow">
        <strong>{caller}</strong> <span className={`state ${c.state === 'answered' ? 'talking' : c.state === 'on-hold' ? 'on-hold' : 'ringing'}`}>{CALL_TEXT[c.state]}{c.handledByMe ? ' by me' : ''}</span>
        {' '}<span className="muted">{c.state.startsWith('ringing') ? 'waited' : 'for'} <time dateTime={c.since}>{waited(c.since, now)}</time></span>
      </span>
      {c.actions.includes('push') && (
        <button type="button" disabled={busy} onClick={() => run('push', { warm: true })}>Announce to {executive.name}<span className="sr-only"> ({caller}), then push</span></button>
      )}
      {c.actions.map((a) => (a === 'forward' || a === 'transfer')
        ? <button key={a} type="button" disabled={busy} aria-expanded={asking === a} onClick={() => setAsking(asking === a ? null : a)}>{ACTION_TEXT[a]}<span className="sr-only"> ({caller})</span></button>
        : <button key={a} type="button" className={a === 'take' || a === 'push' ? 'primary' : undefined} disabled={busy} onClick={() => run(a, {})}>
          {a === 'push' ? `Push to ${executive.name}` : ACTION_TEXT[a]}<span className="sr-only"> ({caller})</span>
        </button>)}
      {asking && (
        <form className="inline" onSubmit={(ev) => { ev.preventDefault(); if (number.trim()) { run(asking, { number: number.trim() }); setAsking(null); } }}>
          <label htmlFor={`to-${c.id}`}>{asking === 'forward' ? 'Forward to' : 'Transfer to'}</label>
          <input id={`to-${c.id}`} inputMode="tel" autoFocus value={number} onChange={(ev) => setNumber(ev.target.value)} />
          <button type="submit" disabled={busy || !number.trim()}>{asking === 'forward' ? 'Forward' : 'Transfer'}</button>
        </form>
      )}
    </li>
  );
}
