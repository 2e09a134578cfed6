/** Records the microphone as 16-bit PCM WAV (what the API accepts; MediaRecorder only gives compressed formats). */
export class WavRecorder {
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
