import { useRef, useState } from 'react';
import { ErrorMessage, Saved, useAction } from './ui';
import { WavRecorder } from './wav-recorder';

export interface GreetingKind { kind: string; title: string }

/**
 * Greetings to upload as a WAV file or record in the browser, one row per kind: the
 * mailbox's and the company's greetings work the same way. `stored` says which kinds have
 * one; `missing` is what plays for a kind without.
 */
export function GreetingList(props: {
  kinds: readonly GreetingKind[];
  stored: Record<string, boolean> | undefined;
  missing: string;
  save: (kind: string, audio: Blob) => Promise<void>;
  remove: (kind: string) => Promise<void>;
  subject?: string;
}) {
  const action = useAction();
  const [recording, setRecording] = useState<string | null>(null);
  const recorder = useRef<WavRecorder | null>(null);
  const subject = props.subject ?? 'greeting';

  const upload = (kind: string, audio: Blob) => action.run(() => props.save(kind, audio), 'Greeting saved.');
  const record = async (kind: string) => {
    if (recording) {
      const wav = await recorder.current!.stop();
      setRecording(null);
      await upload(kind, wav);
      return;
    }
    await action.run(async () => {
      if (!navigator.mediaDevices?.getUserMedia) throw new Error('this browser cannot record here (it needs a secure page and a microphone)');
      recorder.current = await WavRecorder.start();
      setRecording(kind);
    }, 'Recording… press Stop when done.');
  };
  return (
    <>
      <ul className="greetings">
        {props.kinds.map(({ kind, title }) => (
          <li key={kind}>
            <span className="grow"><strong>{title}</strong> {props.stored?.[kind] ? <span className="badge on">Recorded</span> : <span className="badge">{props.missing}</span>}</span>
            <label className="button">Upload<span className="sr-only"> {title} {subject}</span>
              <input type="file" accept="audio/wav,.wav" className="sr-only" aria-label={`Upload the ${title.toLowerCase()} ${subject}`}
                onChange={(e) => { const file = e.target.files?.[0]; if (file) void upload(kind, new Blob([file], { type: 'audio/wav' })); e.target.value = ''; }} />
            </label>
            <button type="button" disabled={recording !== null && recording !== kind} onClick={() => void record(kind)}>{recording === kind ? 'Stop and save' : 'Record'}<span className="sr-only"> {title} {subject}</span></button>
            {props.stored?.[kind] && <button type="button" onClick={() => void action.run(() => props.remove(kind), 'Greeting removed.')}>Remove<span className="sr-only"> {title} {subject}</span></button>}
          </li>
        ))}
      </ul>
      <ErrorMessage error={action.error} />
      <Saved message={action.saved} />
    </>
  );
}
