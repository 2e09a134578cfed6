import { useEffect, useState } from 'react';
import { put, type Schemas } from '../api';
import { ErrorMessage, Field, Saved, useAction } from '../ui';

export type Criterion = Schemas['FilterCriterion'];
export type Filtering = Schemas['Filtering'];
type TimeSlot = NonNullable<Criterion['timeSchedule']>[number];
type Holiday = NonNullable<Criterion['holidaySchedule']>[number];

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const newCriterion = (): Criterion => ({
  name: '', enabled: true, action: 'filter', timeSchedule: null, holidaySchedule: null,
  callers: { kind: 'any', numbers: [], includeAnonymous: false, includeUnavailable: false }, calledNumbers: [],
});
const list = (text: string) => text.split(/[\s,]+/).filter(Boolean);

/** Call filtering: on/off, which calls, and named criteria with schedules (exceptions win). */
export function FilteringSection({ executiveId, initial }: { executiveId: number; initial: Filtering }) {
  const [f, setF] = useState(initial);
  const action = useAction();
  useEffect(() => setF(initial), [initial]);
  const setCriterion = (index: number, change: Partial<Criterion>) => setF((x) => ({ ...x, criteria: x.criteria.map((c, i) => (i === index ? { ...c, ...change } : c)) }));
  return (
    <form className="card" aria-labelledby="filt-title" onSubmit={(e) => { e.preventDefault(); void action.run(async () => setF(await put<Filtering>(`/executives/${executiveId}/filtering`, f)), 'Filtering saved.'); }}>
      <h2 id="filt-title">Call filtering</h2>
      <label className="check"><input type="checkbox" checked={f.enabled} onChange={(e) => setF({ ...f, enabled: e.target.checked })} />Filtering on (filtered calls go to the assistants)</label>
      <Field label="Calls to filter">{(id) => (
        <select id={id} value={f.mode} onChange={(e) => setF({ ...f, mode: e.target.value as Filtering['mode'] })}>
          <option value="all">All calls</option><option value="internal">Internal calls</option><option value="external">External calls</option><option value="criteria">Calls matching the criteria below</option>
        </select>
      )}</Field>
      {f.mode === 'criteria' && (
        <>
          {f.criteria.map((c, i) => <CriterionEditor key={i} index={i} c={c} onChange={(change) => setCriterion(i, change)} onRemove={() => setF({ ...f, criteria: f.criteria.filter((_, j) => j !== i) })} />)}
          <button type="button" onClick={() => setF({ ...f, criteria: [...f.criteria, newCriterion()] })}>Add a criterion</button>
        </>
      )}
      <ErrorMessage error={action.error} />
      <div className="buttons"><button type="submit" className="primary" disabled={action.busy}>Save filtering</button></div>
      <Saved message={action.saved} />
    </form>
  );
}

function CriterionEditor({ index, c, onChange, onRemove }: { index: number; c: Criterion; onChange: (c: Partial<Criterion>) => void; onRemove: () => void }) {
  const n = index + 1;
  return (
    <fieldset className="criterion"><legend>Criterion {n}{c.name ? `: ${c.name}` : ''}</legend>
      <Field label={`Criterion ${n} name`}>{(id) => <input id={id} value={c.name} onChange={(e) => onChange({ name: e.target.value })} />}</Field>
      <label className="check"><input type="checkbox" checked={c.enabled} onChange={(e) => onChange({ enabled: e.target.checked })} />Active</label>
      <Field label={`Criterion ${n} action`}>{(id) => (
        <select id={id} value={c.action} onChange={(e) => onChange({ action: e.target.value as Criterion['action'] })}>
          <option value="filter">Filter matching calls to the assistants</option><option value="let-through">Let matching calls through to me (exception)</option>
        </select>
      )}</Field>
      <Field label={`Criterion ${n} callers`}>{(id) => (
        <select id={id} value={c.callers.kind} onChange={(e) => onChange({ callers: { ...c.callers, kind: e.target.value as Criterion['callers']['kind'] } })}>
          <option value="any">Any caller</option><option value="internal">Internal callers</option><option value="external">External callers</option><option value="listed">These numbers</option>
        </select>
      )}</Field>
      {c.callers.kind === 'listed' && (
        <>
          <Field label={`Criterion ${n} caller numbers`} hint="Separated by spaces or commas; end with * for a prefix.">{(id) => <input id={id} value={c.callers.numbers.join(', ')} onChange={(e) => onChange({ callers: { ...c.callers, numbers: list(e.target.value) } })} />}</Field>
          <label className="check"><input type="checkbox" checked={c.callers.includeAnonymous} onChange={(e) => onChange({ callers: { ...c.callers, includeAnonymous: e.target.checked } })} />Anonymous callers</label>
          <label className="check"><input type="checkbox" checked={c.callers.includeUnavailable} onChange={(e) => onChange({ callers: { ...c.callers, includeUnavailable: e.target.checked } })} />Callers whose number is unavailable</label>
        </>
      )}
      <Field label={`Criterion ${n} called numbers`} hint="Which of your numbers were called; empty: any.">{(id) => <input id={id} value={c.calledNumbers.join(', ')} onChange={(e) => onChange({ calledNumbers: list(e.target.value) })} />}</Field>
      <fieldset><legend>Time schedule</legend>
        <label className="check"><input type="checkbox" checked={!!c.timeSchedule} onChange={(e) => onChange({ timeSchedule: e.target.checked ? [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }] : null })} />Only at these times</label>
        {c.timeSchedule?.map((slot, s) => {
          const setSlot = (change: Partial<TimeSlot>) => onChange({ timeSchedule: c.timeSchedule!.map((x, i) => (i === s ? { ...x, ...change } : x)) });
          const name = `Criterion ${n} slot ${s + 1}`;
          return (
            <div key={s} className="slot">
              <div className="days" role="group" aria-label={`${name} days`}>
                {DAYS.map((d, day) => (
                  <label key={d} className="check"><input type="checkbox" checked={slot.days.includes(day)}
                    onChange={(e) => setSlot({ days: e.target.checked ? [...slot.days, day].sort() : slot.days.filter((x) => x !== day) })} />{d}</label>
                ))}
              </div>
              <Field label={s === 0 ? `Criterion ${n} from` : `${name} from`}>{(id) => <input id={id} type="time" value={slot.start} onChange={(e) => setSlot({ start: e.target.value })} />}</Field>
              <Field label={s === 0 ? `Criterion ${n} until` : `${name} until`}>{(id) => <input id={id} type="time" value={slot.end} onChange={(e) => setSlot({ end: e.target.value })} />}</Field>
              {c.timeSchedule!.length > 1 && <button type="button" onClick={() => onChange({ timeSchedule: c.timeSchedule!.filter((_, i) => i !== s) })}>Remove {name.toLowerCase()}</button>}
            </div>
          );
        })}
        {c.timeSchedule && <button type="button" onClick={() => onChange({ timeSchedule: [...c.timeSchedule!, { days: [6], start: '10:00', end: '14:00' }] })}>Add times to criterion {n}</button>}
      </fieldset>
      <fieldset><legend>Holiday schedule</legend>
        <label className="check"><input type="checkbox" checked={!!c.holidaySchedule} onChange={(e) => onChange({ holidaySchedule: e.target.checked ? [{ name: 'Holiday', from: '', to: '' }] : null })} />Only on holidays</label>
        {c.holidaySchedule?.map((holiday, h) => {
          const setHoliday = (change: Partial<Holiday>) => onChange({ holidaySchedule: c.holidaySchedule!.map((x, i) => (i === h ? { ...x, ...change } : x)) });
          const name = h === 0 ? `Criterion ${n} holiday` : `Criterion ${n} holiday ${h + 1}`;
          return (
            <div key={h} className="slot">
              <Field label={`${name} name`}>{(id) => <input id={id} value={holiday.name} onChange={(e) => setHoliday({ name: e.target.value })} />}</Field>
              <Field label={`${name} from`}>{(id) => <input id={id} type="date" value={holiday.from} onChange={(e) => setHoliday({ from: e.target.value })} />}</Field>
              <Field label={`${name} to`}>{(id) => <input id={id} type="date" value={holiday.to} onChange={(e) => setHoliday({ to: e.target.value })} />}</Field>
              {c.holidaySchedule!.length > 1 && <button type="button" onClick={() => onChange({ holidaySchedule: c.holidaySchedule!.filter((_, i) => i !== h) })}>Remove {name.toLowerCase()}</button>}
            </div>
          );
        })}
        {c.holidaySchedule && <button type="button" onClick={() => onChange({ holidaySchedule: [...c.holidaySchedule!, { name: 'Holiday', from: '', to: '' }] })}>Add a holiday to criterion {n}</button>}
      </fieldset>
      <button type="button" onClick={onRemove}>Remove criterion {n}</button>
    </fieldset>
  );
}
