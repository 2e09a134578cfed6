import { createServer } from 'node:net';
import { createSocket } from 'node:dgram';

async function tcpFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
async function udpFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => resolve(false));
    socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
  });
}

let next = 41000 + (process.pid % 150) * 100;

/**
 * `count` consecutive ports free for TCP and UDP on loopback. baresip's sip_listen on P
 * also takes P+1 (TLS), so SIP ports are taken in pairs.
 */
export async function freePorts(count: number): Promise<number> {
  for (let attempt = 0; attempt < 500; attempt += 1) {
    const base = next;
    next += count + 1;
    if (next > 60000) next = 41000;
    let ok = true;
    for (let p = base; p < base + count && ok; p += 1) ok = (await tcpFree(p)) && (await udpFree(p));
    if (ok) return base;
  }
  throw new Error('no free ports on loopback');
}
