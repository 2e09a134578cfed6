import { useEffect, useState, type FormEvent } from 'react';
import { api, del, get, patch, post, put, type Answer, type Schemas } from '../api';
import { GreetingList } from '../greeting-list';
import { ErrorMessage, Field, Page, Saved, useAction, useLoad } from '../ui';

type AttendantSettings = Schemas['AttendantSettings'];
type Hours = Answer<'/attendant/business-hours', 'get'>['hours'][number];
type Holiday = Schemas['AttendantHoliday'];
type VoicemailOrg = Schemas['VoicemailOrganisationSettings'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Administrators: the company number and operator, outside calls, business hours and holidays, and voicemail rules. */
export function OrganisationPage() {
  return (
    <Page title="Organisation">
      <div className="cards wide-cards">
        <CompanyNumber />
        <OutsideCalls />
        <CompanyGreetings />
        <BusinessHours />
        <Holidays />
        <VoicemailRules />
      </div>
    </Page>
  );
}

function CompanyNumber() {
  const { data, error } = useLoad((signal) => get<AttendantSettings>('/attendant/settings', signal), []);
  const [s, setS] = useState<AttendantSettings>();
  const action = useAction();
  useEffect(() => setS(data), [data]);
  if (!s) return <section className="card"><h2>Company number</h2><ErrorMessage error={error} /></section>;
  const set = (change: Partial<AttendantSettings>) => setS({ ...s, ...change });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // The outside-call fields are their own form's (below): sending this form's copy would undo a save made there.
    const { outboundPrefix: _prefix, outboundCallerId: _callerId, ...attendant } = s;
    void action.run(async () => setS(await patch<AttendantSettings>('/attendant/settings', attendant)), 'Attendant saved.');
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="company-title">
      <h2 id="company-title">Company number and attendant</h2>
      <Field label="Company extension">{(id) => <input id={id} inputMode="numeric" value={s.companyExtension} onChange={(e) => set({ companyExtension: e.target.value })} />}</Field>
      <Field label="Company DID">{(id) => <input id={id} inputMode="tel" value={s.companyDid ?? ''} onChange={(e) => set({ companyDid: e.target.value || null })} />}</Field>
      <Field label="Operator" hint="An extension or an Asterisk dial string; callers pressing 0 reach it.">{(id) => <input id={id} value={s.operatorDestination ?? ''} onChange={(e) => set({ operatorDestination: e.target.value || null })} />}</Field>
      <Field label="Time zone" hint="For business hours and holidays, e.g. Europe/London.">{(id) => <input id={id} value={s.timezone} onChange={(e) => set({ timezone: e.target.value })} />}</Field>
      <Field label="Attempts before the operator">{(id) => <input id={id} type="number" min={1} max={10} value={s.maxAttempts} onChange={(e) => set({ maxAttempts: Number(e.target.value) })} />}</Field>
      <label className="check"><input type="checkbox" checked={s.speechEnabled} onChange={(e) => set({ speechEnabled: e.target.checked })} />Callers may say a name</label>
      <Field label="Business-hours greeting (prompt name)">{(id) => <input id={id} value={s.businessGreeting} onChange={(e) => set({ businessGreeting: e.target.value })} />}</Field>
      <Field label="After-hours greeting (prompt name)">{(id) => <input id={id} value={s.afterHoursGreeting} onChange={(e) => set({ afterHoursGreeting: e.target.value })} />}</Field>
      <Field label="Holiday greeting (prompt name)">{(id) => <input id={id} value={s.holidayGreeting} onChange={(e) => set({ holidayGreeting: e.target.value })} />}</Field>
      <ErrorMessage error={action.error} />
      <button type="submit" className="primary" disabled={action.busy}>Save attendant</button>
      <Saved message={action.saved} />
    </form>
  );
}

/**
 * The outbound route (PRODUCT.md 4): the prefix phones dial before an outside number and
 * the caller ID outside parties see. Only these two fields are sent, so saving here never
 * overwrites what another administrator changed in the attendant form meanwhile.
 */
function OutsideCalls() {
  const { data, error } = useLoad((signal) => get<AttendantSettings>('/attendant/settings', signal), []);
  if (!data) return <section className="card"><h2>Outside calls</h2><ErrorMessage error={error} /></section>;
  return <OutsideCallsForm loaded={data} />;
}

/** Its fields start from the loaded settings, so the first frame already shows them (never an empty prefix). */
function OutsideCallsForm({ loaded }: { loaded: AttendantSettings }) {
  const [allowed, setAllowed] = useState(loaded.outboundPrefix !== null);
  const [prefix, setPrefix] = useState(loaded.outboundPrefix ?? '9');
  const [callerId, setCallerId] = useState(loaded.outboundCallerId ?? '');
  const action = useAction();
  const show = (s: AttendantSettings) => { setAllowed(s.outboundPrefix !== null); setPrefix(s.outboundPrefix ?? '9'); setCallerId(s.outboundCallerId ?? ''); };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const change = { outboundPrefix: allowed ? prefix : null, outboundCallerId: callerId.trim() || null };
    void action.run(async () => show(await patch<AttendantSettings>('/attendant/settings', change)), 'Outside calls saved.');
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="outside-title">
      <h2 id="outside-title">Outside calls</h2>
      <label className="check"><input type="checkbox" checked={allowed} onChange={(e) => setAllowed(e.target.checked)} />Phones may call outside numbers</label>
      <Field label="Outside line prefix" hint="Digits dialled before an outside number, e.g. 9. An extension always wins; a number starting with + needs no prefix.">
        {(id) => <input id={id} inputMode="numeric" value={prefix} disabled={!allowed} onChange={(e) => setPrefix(e.target.value)} />}
      </Field>
      <Field label="Caller ID for outside calls" hint="The company DID or one of your users' DIDs. Empty: the company DID.">
        {(id) => <input id={id} inputMode="tel" value={callerId} onChange={(e) => setCallerId(e.target.value)} />}
      </Field>
      <ErrorMessage error={action.error} />
      <button type="submit" className="primary" disabled={action.busy}>Save outside calls</button>
      <Saved message={action.saved} />
    </form>
  );
}

const COMPANY_GREETINGS = [
  { kind: 'business-hours', title: 'Business hours' }, { kind: 'after-hours', title: 'After hours' }, { kind: 'holiday', title: 'Holiday' },
] as const;

/** The company number's greetings (PRODUCT.md 4): uploaded or recorded here, they play instead of the prompts named above. */
function CompanyGreetings() {
  const { data, error, reload } = useLoad((signal) => get<Schemas['CompanyGreetings']>('/attendant/greetings', signal), []);
  return (
    <section className="card" aria-labelledby="company-greetings-title">
      <h2 id="company-greetings-title">Company greetings</h2>
      <p className="muted small">Callers at the company number hear the one for the time of their call (business hours, after hours or a holiday).</p>
      <ErrorMessage error={error} />
      <GreetingList kinds={COMPANY_GREETINGS} stored={data?.greetings} missing="Prompt" subject="company greeting"
        save={async (kind, audio) => { await api('PUT', `/attendant/greetings/${kind}`, audio); reload(); }}
        remove={async (kind) => { await del(`/attendant/greetings/${kind}`); reload(); }} />
    </section>
  );
}

function BusinessHours() {
  const { data, error } = useLoad((signal) => get<Answer<'/attendant/business-hours', 'get'>>('/attendant/business-hours', signal), []);
  if (!data) return <section className="card"><h2>Business hours</h2><ErrorMessage error={error} /></section>;
  return <BusinessHoursForm loaded={data.hours} />;
}

/** Shown once the hours are loaded: saving an empty week before they arrive would close the company every day. */
function BusinessHoursForm({ loaded }: { loaded: Hours[] }) {
  const [hours, setHours] = useState<Hours[]>(loaded);
  const action = useAction();
  const dayHours = (day: number) => hours.find((h) => h.dayOfWeek === day);
  const setDay = (day: number, h: Hours | null) => setHours([...hours.filter((x) => x.dayOfWeek !== day), ...(h ? [h] : [])].sort((a, b) => a.dayOfWeek - b.dayOfWeek));
  return (
    <form className="card" aria-labelledby="hours-title" onSubmit={(e) => { e.preventDefault(); void action.run(async () => setHours((await put<Answer<'/attendant/business-hours', 'put'>>('/attendant/business-hours', { hours })).hours), 'Business hours saved.'); }}>
      <h2 id="hours-title">Business hours</h2>
      <ul className="hours">
        {DAYS.map((name, day) => {
          const h = dayHours(day);
          return (
            <li key={name}>
              <label className="check"><input type="checkbox" checked={!!h} onChange={(e) => setDay(day, e.target.checked ? { dayOfWeek: day, opens: '09:00', closes: '17:00' } : null)} />{name}</label>
              {h && <>
                <input type="time" aria-label={`${name} opens`} value={h.opens} onChange={(e) => setDay(day, { ...h, opens: e.target.value })} />
                <input type="time" aria-label={`${name} closes`} value={h.closes} onChange={(e) => setDay(day, { ...h, closes: e.target.value })} />
              </>}
            </li>
          );
        })}
      </ul>
      <ErrorMessage error={action.error} />
      <button type="submit" className="primary" disabled={action.busy}>Save business hours</button>
      <Saved message={action.saved} />
    </form>
  );
}

function Holidays() {
  const { data, error, reload } = useLoad((signal) => get<Answer<'/attendant/holidays', 'get'>>('/attendant/holidays', signal), []);
  const [name, setName] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const action = useAction();
  const add = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => { await post('/attendant/holidays', { name, startsOn: from, ...(to ? { endsOn: to } : {}) }); setName(''); setFrom(''); setTo(''); reload(); }, 'Holiday added.');
  };
  return (
    <section className="card" aria-labelledby="hol-title">
      <h2 id="hol-title">Holidays</h2>
      <ErrorMessage error={error} />
      <ul className="pool">
        {data?.holidays.map((h) => (
          <li key={h.id}><span className="grow"><strong>{h.name}</strong> <span className="muted">{h.startsOn}{h.endsOn !== h.startsOn ? ` – ${h.endsOn}` : ''}</span></span>
            <button type="button" onClick={() => void action.run(async () => { await del(`/attendant/holidays/${h.id}`); reload(); }, 'Holiday removed.')}>Remove<span className="sr-only"> {h.name}</span></button></li>
        ))}
        {data?.holidays.length === 0 && <li>No holidays.</li>}
      </ul>
      <form onSubmit={add}>
        <Field label="Holiday name">{(id) => <input id={id} value={name} onChange={(e) => setName(e.target.value)} />}</Field>
        <Field label="First day">{(id) => <input id={id} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />}</Field>
        <Field label="Last day" hint="Empty: one day.">{(id) => <input id={id} type="date" value={to} onChange={(e) => setTo(e.target.value)} />}</Field>
        <ErrorMessage error={action.error} />
        <button type="submit" disabled={action.busy}>Add holiday</button>
        <Saved message={action.saved} />
      </form>
    </section>
  );
}

function VoicemailRules() {
  const { data, error } = useLoad((signal) => get<VoicemailOrg>('/voicemail/organisation-settings', signal), []);
  const [v, setV] = useState<VoicemailOrg>();
  const action = useAction();
  useEffect(() => setV(data), [data]);
  if (!v) return <section className="card"><h2>Voicemail</h2><ErrorMessage error={error} /></section>;
  const num = (key: keyof VoicemailOrg) => (id: string) => <input id={id} type="number" value={Number(v[key])} onChange={(e) => setV({ ...v, [key]: Number(e.target.value) })} />;
  return (
    <form className="card" aria-labelledby="vm-title" onSubmit={(e) => { e.preventDefault(); void action.run(async () => setV(await put<VoicemailOrg>('/voicemail/organisation-settings', v)), 'Voicemail rules saved.'); }}>
      <h2 id="vm-title">Voicemail</h2>
      <Field label="Keep messages for (days)" hint="0: forever.">{num('retentionDays')}</Field>
      <Field label="Longest message (seconds)">{num('maxMessageSeconds')}</Field>
      <Field label="Silence that ends a message (seconds)">{num('maxSilenceSeconds')}</Field>
      <Field label="Wrong PINs before a mailbox locks">{num('maxPinAttempts')}</Field>
      <label className="check"><input type="checkbox" checked={v.allowForwardToUsers} onChange={(e) => setV({ ...v, allowForwardToUsers: e.target.checked })} />Users may forward messages to other users</label>
      <ErrorMessage error={action.error} />
      <button type="submit" className="primary" disabled={action.busy}>Save voicemail rules</button>
      <Saved message={action.saved} />
    </form>
  );
}
