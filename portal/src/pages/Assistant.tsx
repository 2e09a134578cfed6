import { useEffect, useState } from 'react';
import { get, put, type Schemas } from '../api';
import { useSession } from '../App';
import { ErrorMessage, Field, Link, Page, Saved, useAction, useLoad } from '../ui';

type AssistantView = Schemas['AssistantSettings'];
type ExecutiveOfAssistant = AssistantView['executives'][number];

/** An assistant's executives (opt in/out per executive), their divert, and a way to each executive's settings. */
export function AssistantPage() {
  const { me } = useSession();
  const path = `/assistants/${me.user.id}/settings`;
  const { data, error, setData } = useLoad((signal) => get<AssistantView>(path, signal), [path]);
  // The divert being edited; until it is, the stored one (no frame shows "off" for a divert that is on).
  const [editedDivert, setDivert] = useState<{ enabled: boolean; number: string }>();
  const saveDivert = useAction();
  const optIn = useAction();
  useEffect(() => setDivert(undefined), [data]);
  const divert = editedDivert ?? { enabled: data?.divert.enabled ?? false, number: data?.divert.number ?? '' };

  const setOptIn = (e: ExecutiveOfAssistant, optedIn: boolean) => void optIn.run(async () => {
    setData(await put<AssistantView>(`/assistants/${me.user.id}/executives/${e.executiveId}/opt-in`, { optedIn }));
  }, `${optedIn ? 'Opted in to' : 'Opted out of'} ${e.name}'s calls.`);

  return (
    <Page title="My executives">
      <ErrorMessage error={error} />
      {data && (
        <div className="cards wide-cards">
          <section className="card" aria-labelledby="execs-title">
            <h2 id="execs-title">Executives I assist</h2>
            {data.executives.length === 0 && <p>You are in no executive's pool.</p>}
            <ul className="pool">
              {data.executives.map((e) => (
                <li key={e.executiveId}>
                  <span className="grow"><strong>{e.name}</strong> <span className="muted">{e.extension} · position {e.position + 1}</span></span>
                  <label className="check"><input type="checkbox" checked={e.optedIn} disabled={optIn.busy} onChange={(ev) => setOptIn(e, ev.target.checked)} />Opted in to {e.name}</label>
                  <Link to={`/executive/${e.executiveId}`} className="button">Settings<span className="sr-only"> of {e.name}</span></Link>
                </li>
              ))}
            </ul>
            <ErrorMessage error={optIn.error} />
            <Saved message={optIn.saved} />
          </section>
          <form className="card" aria-labelledby="divert-title" onSubmit={(ev) => { ev.preventDefault(); void saveDivert.run(async () => setData(await put<AssistantView>(path, { divert: { enabled: divert.enabled, number: divert.number.trim() || null } })), 'Divert saved.'); }}>
            <h2 id="divert-title">Divert</h2>
            <p className="muted">While divert is on, filtered calls go to this number instead of your phone.</p>
            <label className="check"><input type="checkbox" checked={divert.enabled} onChange={(e) => setDivert({ ...divert, enabled: e.target.checked })} />Divert filtered calls</label>
            <Field label="Divert to">{(id) => <input id={id} inputMode="tel" value={divert.number} onChange={(e) => setDivert({ ...divert, number: e.target.value })} />}</Field>
            <ErrorMessage error={saveDivert.error} />
            <button type="submit" className="primary" disabled={saveDivert.busy}>Save divert</button>
            <Saved message={saveDivert.saved} />
          </form>
        </div>
      )}
    </Page>
  );
}
