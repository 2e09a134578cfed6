import { useRef, useState } from 'react';
import { api, del, get, type Schemas } from '../api';
import { ErrorMessage, Saved, useAction, useLoad } from '../ui';

const KINDS = [
  { kind: 'unavailable', title: 'Unavailable' }, { kind: 'busy', title: 'Busy' }, { kind: 'out_of_office', title: 'Out of office' },
  { kind: 'after_hours', title: 'After hours' }, { kind: 'name', title: 'Recorded name' },
] as const;

/** Greetings: upload a WAV file or record one in the browser; a missing greeting makes the system say your name or extension. */
export function Greetings() {
  const { data, error, reload } = useLoad((signal) => get<Schemas['MailboxSettings']>('/voicemail/settings', signal), []);
  const action = useAction();
  const [recording, setRecording] = useState<string | null>(null);
  const recorder = useRef<WavRecorder | null>(null);

  const upload = (kind: string, audio: Blob) => action.run(async () => { await api('PUT', `/voicemail/greetings/${kind}`, audio); reload(); }, 'Greeting saved.');
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
    <section className="card" aria-labelledby="greet-title">
      <h2 id="greet-title">Greetings</h2>
      <ErrorMessage error={error} />
      <ul className="greetings">
        {KINDS.map(({ kind, title }) => (
          <li key={kind}>
            <span className="grow"><strong>{title}</strong> {data?.greetings[kind] ? <span className="badge on">Recorded</span> : <span className="badge">Default</span>}</span>
            <label className="button">Upload<span className="sr-only"> {title} greeting</span>
              <input type="file" accept="audio/wav,.wav" className="sr-only" aria-label={`Upload the ${title.toLowerCase()} greeting`}
                onChange={(e) => { const file = e.target.files?.[0]; if (file) void upload(kind, new Blob([file], { type: 'audio/wav' })); e.target.value = ''; }} />
            </label>
            <button type="button" disabled={recording !== null && recording !== kind} onClick={() => void record(kind)}>{recording === kind ? 'Stop and save' : 'Record'}<span className="sr-only"> {title} greeting</span></button>
            {data?.greetings[kind] && <button type="button" onClick={() => void action.run(async () => { await del(`/voicemail/greetings/${kind}`); reload(); }, 'Greeting removed.')}>Remove<span className="sr-only"> {title} greeting</span></button>}
          </li>
        ))}
      </ul>
      <ErrorMessage error={action.error} />
      <Saved message={action.saved} />
    </section>
  );
}

/** Records the microphone as 16-bit PCM WAV (what the API accepts; MediaRecorder only gives compressed formats). */
class WavRecorder {
  private chunks: Float32Array[] = [];
  private constructor(private readonly context: AudioContext, private readonly stream: MediaStream, private readonly node: ScriptProcessorNode) {}

  static async start(): Promise<WavRecorder> {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    const context = new AudioContext();
    const source = context.createMediaStreamSource(stream);
    const node = context.createScriptProcessor(4096, 1, 1);
    const recorder = new WavRecorder(context, stream, node);
    node.onaudioprocess = (e) => recorder.chunks.push(new Float32Array(e.inputBuffer.getChannelData(0)));
    source.connect(node);
    node.connect(context.destination);
    return recorder;
  }

  async stop(): Promise<Blob> {
    this.node.disconnect();
    this.stream.getTracks().forEach((t) => t.stop());
    const rate = this.context.sampleRate;
    await this.context.close();
    const samples = this.chunks.reduce((n, c) => n + c.length, 0);
    const view = new DataView(new ArrayBuffer(44 + samples * 2));
    const text = (offset: number, s: string) => { for (let i = 0; i < s.length; i++) view.setUint8(offset + i, s.charCodeAt(i)); };
    text(0, 'RIFF'); view.setUint32(4, 36 + samples * 2, true); text(8, 'WAVE'); text(12, 'fmt ');
    view.setUint32(16, 16, true); view.setUint16(20, 1, true); view.setUint16(22, 1, true); view.setUint32(24, rate, true);
    view.setUint32(28, rate * 2, true); view.setUint16(32, 2, true); view.setUint16(34, 16, true); text(36, 'data'); view.setUint32(40, samples * 2, true);
    let offset = 44;
    for (const chunk of this.chunks) for (const s of chunk) { view.setInt16(offset, Math.max(-1, Math.min(1, s)) * 0x7fff, true); offset += 2; }
    return new Blob([view], { type: 'audio/wav' });
  }
}
