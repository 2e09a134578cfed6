import { expect } from 'chai';
import { PassThrough } from 'node:stream';
import { createLogger } from '../../../src/log.js';

/** A stand-in for stdout that is, or is not, a terminal. */
function fakeStdout(isTTY: boolean): { stream: NodeJS.WriteStream; text: () => string } {
  const stream = new PassThrough() as unknown as NodeJS.WriteStream & PassThrough;
  (stream as { isTTY?: boolean }).isTTY = isTTY;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8').replace(/\x1b\[[0-9;]*m/g, '') };
}

describe('logs: readable on a terminal, JSON lines otherwise', () => {
  it('on a terminal: a time, the level and the message on one line, the call id beside it, the password redacted', async () => {
    const out = fakeStdout(true);
    createLogger('info', 'auto', out.stream).info({ callId: 'c-42', ari: { password: 'hunter2' } }, 'call routed');
    await new Promise((r) => setImmediate(r));
    const text = out.text();
    expect(text).to.match(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: call routed/);
    expect(text).to.contain('callId: "c-42"');
    expect(text).to.contain('[redacted]').and.not.contain('hunter2');
    expect(() => JSON.parse(text)).to.throw();
  });
  it('written to a file or a pipe: one JSON object per line, the password redacted', async () => {
    const out = fakeStdout(false);
    createLogger('info', 'auto', out.stream).info({ callId: 'c-42', password: 'hunter2' }, 'call routed');
    await new Promise((r) => setImmediate(r));
    const line = JSON.parse(out.text().trim()) as Record<string, unknown>;
    expect(line).to.include({ msg: 'call routed', callId: 'c-42', service: 'switchboard', password: '[redacted]' });
  });
  it('LOG_FORMAT forces either form', async () => {
    const pretty = fakeStdout(false);
    createLogger('info', 'pretty', pretty.stream).info('hello');
    const json = fakeStdout(true);
    createLogger('info', 'json', json.stream).info('hello');
    await new Promise((r) => setImmediate(r));
    expect(pretty.text()).to.match(/INFO: hello/);
    expect(JSON.parse(json.text().trim())).to.include({ msg: 'hello' });
  });
});
