import { useCallback, useEffect, useId, useState, type ReactNode } from 'react';
import { ApiError } from './api';

/** A tiny history router: the server serves index.html for every non-API path. */
export function usePath(): string {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const update = () => setPath(location.pathname);
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  return path;
}
export function navigate(to: string): void {
  if (to === location.pathname) return;
  history.pushState(null, '', to);
  window.dispatchEvent(new PopStateEvent('popstate'));
  document.getElementById('main')?.focus();
}
export function Link(props: { to: string; children: ReactNode; className?: string; current?: boolean }) {
  return (
    <a href={props.to} className={props.className} aria-current={props.current ? 'page' : undefined}
      onClick={(e) => { if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return; e.preventDefault(); navigate(props.to); }}>
      {props.children}
    </a>
  );
}

/** Shows a problem's own words (the API's `detail`), and each field it names. */
export function ErrorMessage({ error }: { error: unknown }) {
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : undefined;
  const text = apiError?.detail ?? (error instanceof Error ? error.message : String(error));
  return (
    <div role="alert" className="error">
      <strong>{apiError?.status === 403 ? 'Not allowed: ' : apiError?.status === 404 ? 'Not found: ' : 'Problem: '}</strong>{text}
      {apiError && apiError.fields.length > 1 && (
        <ul>{apiError.fields.map((f) => <li key={f.field + f.message}>{f.field}: {f.message}</li>)}</ul>
      )}
    </div>
  );
}

export function Saved({ message }: { message: string | null }) {
  return <p role="status" className="saved" aria-live="polite">{message ?? ''}</p>;
}

/** Loads something from the API; `reload()` fetches again. */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]): { data: T | undefined; error: unknown; reload: () => void; setData: (t: T) => void } {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setError(undefined);
    load(controller.signal).then(setData, (e: unknown) => { if ((e as Error).name !== 'AbortError') setError(e); });
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, reload, setData };
}

/** Runs a save: tracks busy state, the error to show and the confirmation. */
export function useAction(): { busy: boolean; error: unknown; saved: string | null; run: (fn: () => Promise<unknown>, done?: string) => Promise<boolean>; clear: () => void } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState<string | null>(null);
  const run = async (fn: () => Promise<unknown>, done = 'Saved.') => {
    setBusy(true); setError(undefined); setSaved(null);
    try { await fn(); setSaved(done); return true; } catch (e) { setError(e); return false; } finally { setBusy(false); }
  };
  return { busy, error, saved, run, clear: () => { setError(undefined); setSaved(null); } };
}

export function Field(props: { label: string; hint?: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.children(id)}
      {props.hint && <small>{props.hint}</small>}
    </div>
  );
}

export function Check(props: { label: string; checked: boolean; onChange: (v: boolean) => void; disabled?: boolean }) {
  return (
    <label className="check">
      <input type="checkbox" checked={props.checked} disabled={props.disabled} onChange={(e) => props.onChange(e.target.checked)} />
      {props.label}
    </label>
  );
}

export function Page(props: { title: string; children: ReactNode; actions?: ReactNode }) {
  useEffect(() => { document.title = `${props.title} · Switchboard`; }, [props.title]);
  return (
    <section className="page">
      <header className="page-head"><h1>{props.title}</h1>{props.actions}</header>
      {props.children}
    </section>
  );
}

export const label = (value: string) => value.replace(/[_-]/g, ' ').replace(/^./, (c) => c.toUpperCase());
