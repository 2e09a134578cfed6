import { useEffect, useState } from 'react';
import { get, put, type Schemas, type User } from '../api';
import { useSession } from '../App';
import { ErrorMessage, Field, Link, Page, Saved, label, useAction, useLoad } from '../ui';
import { AssistantsPool } from './ExecutivePool';
import { FilteringSection } from './ExecutiveFiltering';
import { useLiveChanges } from '../live';

type Screening = Schemas['Screening'];
type Alerting = Schemas['Alerting'];
type ExecutiveView = Schemas['ExecutiveSettings'];

/**
 * An executive's settings. The executive (and an administrator) also manage the pool;
 * an assistant sees the same page for an executive they assist, without the pool.
 */
export function ExecutivePage({ executiveId, asAssistant = false }: { executiveId: number; asAssistant?: boolean }) {
  const { data, error, reload } = useLoad((signal) => get<ExecutiveView>(`/executives/${executiveId}`, signal), [executiveId]);
  // Filtering turned on or off by phone (#61 / #62) or by an assistant: the page follows.
  useLiveChanges(['executive.filtering'], executiveId, reload);
  const { me } = useSession();
  // An assistant may not read other users' accounts; their own settings name their executives.
  const { data: exec } = useLoad((signal) => (asAssistant
    ? get<Schemas['AssistantSettings']>(`/assistants/${me.user.id}/settings`, signal)
      .then((a) => a.executives.find((e) => e.executiveId === executiveId), () => undefined)
    : Promise.resolve(undefined)), [executiveId, asAssistant]);
  const { data: managed } = useLoad((signal) => (!asAssistant && executiveId !== me.user.id ? get<User>(`/users/${executiveId}`, signal).catch(() => undefined) : Promise.resolve(undefined)), [executiveId, asAssistant]);
  const name = exec?.name ?? managed?.name;
  const title = name ? `Executive settings for ${name}` : 'Executive settings';
  return (
    <Page title={title} actions={asAssistant ? <Link to="/assistant" className="button">My executives</Link> : undefined}>
      <ErrorMessage error={error} />
      {data && (
        <div className="cards wide-cards">
          {data.pool !== undefined && <AssistantsPool executiveId={executiveId} />}
          <FilteringSection executiveId={executiveId} initial={data.filtering} />
          <ScreeningSection executiveId={executiveId} initial={data.screening} />
          <AlertingSection executiveId={executiveId} initial={data.alerting} />
        </div>
      )}
    </Page>
  );
}

function ScreeningSection({ executiveId, initial }: { executiveId: number; initial: Screening }) {
  const [s, setS] = useState(initial);
  const action = useAction();
  useEffect(() => setS(initial), [initial]);
  const set = (change: Partial<Screening>) => setS((x) => ({ ...x, ...change }));
  return (
    <form className="card" aria-labelledby="scr-title" onSubmit={(e) => { e.preventDefault(); void action.run(async () => setS(await put<Screening>(`/executives/${executiveId}/screening`, s)), 'Screening saved.'); }}>
      <h2 id="scr-title">Screening</h2>
      <p className="muted">While screening is on, your own phone also alerts for calls the assistants handle.</p>
      <label className="check"><input type="checkbox" checked={s.enabled} onChange={(e) => set({ enabled: e.target.checked })} />Screening on</label>
      <Field label="Alert type">{(id) => (
        <select id={id} value={s.alertType} onChange={(e) => set({ alertType: e.target.value as Screening['alertType'] })}>
          <option value="silent">Silent (visual only)</option><option value="ring-splash">Ring splash</option>
        </select>
      )}</Field>
      <fieldset><legend>Also alert</legend>
        <label className="check"><input type="checkbox" checked={s.alertShared} onChange={(e) => set({ alertShared: e.target.checked })} />Shared call appearances</label>
        <label className="check"><input type="checkbox" checked={s.alertAnywhere} onChange={(e) => set({ alertAnywhere: e.target.checked })} />Anywhere locations</label>
        <label className="check"><input type="checkbox" checked={s.alertMobile} onChange={(e) => set({ alertMobile: e.target.checked })} />Mobile</label>
      </fieldset>
      <ErrorMessage error={action.error} />
      <button type="submit" className="primary" disabled={action.busy}>Save screening</button>
      <Saved message={action.saved} />
    </form>
  );
}

const NAME_MODES = ['executive', 'executive-originator', 'originator-executive', 'originator', 'custom'] as const satisfies readonly Alerting['callerIdName']['mode'][];
const NUMBER_MODES = ['executive', 'originator', 'custom'] as const satisfies readonly Alerting['callerIdNumber']['mode'][];

function AlertingSection({ executiveId, initial }: { executiveId: number; initial: Alerting }) {
  const [a, setA] = useState(initial);
  const action = useAction();
  useEffect(() => setA(initial), [initial]);
  const set = (change: Partial<Alerting>) => setA((x) => ({ ...x, ...change }));
  const num = (v: string) => (v === '' ? 0 : Number(v));
  return (
    <form className="card" aria-labelledby="alert-title" onSubmit={(e) => { e.preventDefault(); void action.run(async () => setA(await put<Alerting>(`/executives/${executiveId}/alerting`, a)), 'Alerting saved.'); }}>
      <h2 id="alert-title">Alerting</h2>
      <Field label="Alerting mode">{(id) => (
        <select id={id} value={a.mode} onChange={(e) => set({ mode: e.target.value as Alerting['mode'] })}>
          <option value="sequential">Sequential: one assistant after another</option><option value="simultaneous">Simultaneous: all assistants at once</option>
        </select>
      )}</Field>
      {a.mode === 'sequential' && <Field label="Rings before the next assistant" hint="1 to 20.">{(id) => <input id={id} type="number" min={1} max={20} value={a.ringsToAdvance} onChange={(e) => set({ ringsToAdvance: num(e.target.value) })} />}</Field>}
      <Field label="Caller ID name shown to assistants">{(id) => (
        <select id={id} value={a.callerIdName.mode} onChange={(e) => set({ callerIdName: { ...a.callerIdName, mode: e.target.value as Alerting['callerIdName']['mode'] } })}>{NAME_MODES.map((m) => <option key={m} value={m}>{label(m)}</option>)}</select>
      )}</Field>
      {a.callerIdName.mode === 'custom' && <Field label="Custom caller ID name">{(id) => <input id={id} value={a.callerIdName.custom ?? ''} onChange={(e) => set({ callerIdName: { ...a.callerIdName, custom: e.target.value || null } })} />}</Field>}
      <Field label="Caller ID number shown to assistants">{(id) => (
        <select id={id} value={a.callerIdNumber.mode} onChange={(e) => set({ callerIdNumber: { ...a.callerIdNumber, mode: e.target.value as Alerting['callerIdNumber']['mode'] } })}>{NUMBER_MODES.map((m) => <option key={m} value={m}>{label(m)}</option>)}</select>
      )}</Field>
      {a.callerIdNumber.mode === 'custom' && <Field label="Custom caller ID number">{(id) => <input id={id} value={a.callerIdNumber.custom ?? ''} onChange={(e) => set({ callerIdNumber: { ...a.callerIdNumber, custom: e.target.value || null } })} />}</Field>}
      <fieldset><legend>Rollover</legend>
        <label className="check"><input type="checkbox" checked={a.rollover.enabled} onChange={(e) => set({ rollover: { ...a.rollover, enabled: e.target.checked } })} />Roll over unanswered calls</label>
        <Field label="Rollover after (seconds)" hint="Up to 7200.">{(id) => <input id={id} type="number" min={1} max={7200} value={a.rollover.waitSeconds} onChange={(e) => set({ rollover: { ...a.rollover, waitSeconds: num(e.target.value) } })} />}</Field>
        <Field label="Rollover action">{(id) => (
          <select id={id} value={a.rollover.action} onChange={(e) => set({ rollover: { ...a.rollover, action: e.target.value as Alerting['rollover']['action'] } })}>
            <option value="voicemail">Voicemail</option><option value="forward">Forward to a number</option><option value="no-answer-processing">My own no-answer handling</option>
          </select>
        )}</Field>
        {a.rollover.action === 'forward' && <Field label="Forward to">{(id) => <input id={id} inputMode="tel" value={a.rollover.forwardNumber ?? ''} onChange={(e) => set({ rollover: { ...a.rollover, forwardNumber: e.target.value || null } })} />}</Field>}
      </fieldset>
      <Field label="Call push recall after (rings)" hint="2 to 20: a pushed call unanswered by the executive returns to the assistant.">{(id) => <input id={id} type="number" min={2} max={20} value={a.pushRecallRings} onChange={(e) => set({ pushRecallRings: num(e.target.value) })} />}</Field>
      <ErrorMessage error={action.error} />
      <button type="submit" className="primary" disabled={action.busy}>Save alerting</button>
      <Saved message={action.saved} />
    </form>
  );
}
