import { useEffect, useState, type FormEvent } from 'react';
import { get, put, type Answer, type Schemas, type User } from '../api';
import { useSession } from '../App';
import { ErrorMessage, Field, Saved, useAction, useLoad } from '../ui';

type Pool = Schemas['Pool'];
type PoolMember = Schemas['PoolMember'];

/** The executive's assistants in alerting order: reorder by dragging or with the buttons (keyboard). */
export function AssistantsPool({ executiveId }: { executiveId: number }) {
  const { me } = useSession();
  const { data, error, setData } = useLoad((signal) => get<Pool>(`/executives/${executiveId}/assistants`, signal), [executiveId]);
  const { data: candidates } = useLoad((signal) => (me.user.role === 'admin' ? get<Answer<'/users', 'get'>>('/users?service=assistant&limit=500', signal).then((r) => r.users) : Promise.resolve(undefined)), [me.user.role]);
  // Edits not saved yet; until there are any the stored pool is shown, and Save waits for it to load (saving an empty list would empty the pool).
  const [editedMembers, setMembers] = useState<PoolMember[]>();
  const [editedAllow, setAllow] = useState<boolean>();
  const [adding, setAdding] = useState('');
  const [dragged, setDragged] = useState<number | null>(null);
  const action = useAction();
  const add = useAction();
  useEffect(() => { setMembers(undefined); setAllow(undefined); }, [data]);
  const members = editedMembers ?? data?.assistants ?? [];
  const allow = editedAllow ?? data?.allowOptInOut ?? true;

  const move = (from: number, to: number) => {
    if (to < 0 || to >= members.length || from === to) return;
    const next = [...members];
    const [m] = next.splice(from, 1);
    next.splice(to, 0, m!);
    setMembers(next);
  };
  const save = (list = members) => action.run(async () => {
    const saved = await put<Pool>(`/executives/${executiveId}/assistants`, { assistants: list.map((m) => m.assistantId), allowOptInOut: allow });
    setData(saved);
  }, 'Assistants saved.');
  const addAssistant = (e: FormEvent) => {
    e.preventDefault();
    void add.run(async () => {
      const wanted = adding.trim();
      let id = candidates?.find((c) => c.extension === wanted || String(c.id) === wanted)?.id;
      if (id === undefined) {
        const found = await get<{ entries: Array<{ userId: number; extension: string; name: string }> }>(`/attendant/directory?number=${encodeURIComponent(wanted)}`);
        id = found.entries[0]?.userId;
      }
      if (id === undefined) throw new Error(`nobody has extension ${wanted}`);
      const saved = await put<Pool>(`/executives/${executiveId}/assistants`, { assistants: [...members.map((m) => m.assistantId), id] });
      setData(saved);
      setAdding('');
    }, 'Assistant added.');
  };

  return (
    <section className="card" aria-labelledby="pool-title">
      <h2 id="pool-title">Assistants</h2>
      <p className="muted">Sequential alerting rings them in this order. Drag to reorder, or use the arrows.</p>
      <ErrorMessage error={error} />
      <ol className="pool" aria-label="Assistants in alerting order">
        {members.map((m, index) => (
          <li key={m.assistantId} draggable className={dragged === index ? 'dragging' : undefined}
            onDragStart={() => setDragged(index)} onDragEnd={() => setDragged(null)}
            onDragOver={(e) => { e.preventDefault(); if (dragged !== null && dragged !== index) { move(dragged, index); setDragged(index); } }}>
            <span className="grow"><strong>{index + 1}. {m.name}</strong> <span className="muted">{m.extension}</span>{' '}
              {m.optedIn ? <span className="badge on">Opted in</span> : <span className="badge">Opted out</span>}
              {m.divert.enabled && <span className="badge warn">Diverts to {m.divert.number}</span>}</span>
            <button type="button" aria-label={`Move ${m.name} up`} disabled={index === 0} onClick={() => move(index, index - 1)}>↑</button>
            <button type="button" aria-label={`Move ${m.name} down`} disabled={index === members.length - 1} onClick={() => move(index, index + 1)}>↓</button>
            <button type="button" aria-label={`Remove ${m.name}`} onClick={() => setMembers(members.filter((x) => x.assistantId !== m.assistantId))}>Remove</button>
          </li>
        ))}
        {members.length === 0 && <li>No assistants yet.</li>}
      </ol>
      <label className="check"><input type="checkbox" checked={allow} onChange={(e) => setAllow(e.target.checked)} />Assistants may opt in and out</label>
      <ErrorMessage error={action.error} />
      <button type="button" className="primary" disabled={action.busy || !data} onClick={() => void save()}>Save assistants</button>
      <Saved message={action.saved} />
      <form onSubmit={addAssistant} className="inline-form">
        <Field label="Add an assistant by extension">{(id) => (
          candidates ? (
            <select id={id} value={adding} onChange={(e) => setAdding(e.target.value)}>
              <option value="">Choose…</option>
              {candidates.filter((c) => c.id !== executiveId && !members.some((m) => m.assistantId === c.id)).map((c) => <option key={c.id} value={c.extension}>{c.name} ({c.extension})</option>)}
            </select>
          ) : <input id={id} inputMode="numeric" value={adding} onChange={(e) => setAdding(e.target.value)} />
        )}</Field>
        <button type="submit" disabled={add.busy || !adding.trim() || !data}>Add assistant</button>
        <ErrorMessage error={add.error} />
        <Saved message={add.saved} />
      </form>
    </section>
  );
}
