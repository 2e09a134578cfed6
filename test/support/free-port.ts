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

/**
 * Below Linux's ephemeral range (32768-60999) and above Asterisk's RTP ports (10000-19999)
 * and the phones' (20000-24999): a port chosen in the ephemeral range could be free when
 * checked and then become the local port of some outgoing connection before baresip binds
 * it. CI saw exactly that, the test's own connection to one phone's control socket taking
 * the control port chosen for the next phone.
 */
const FIRST = 25_000;
const LAST = 32_700;
let next = FIRST + (process.pid % 70) * 100;

/**
 * `count` consecutive ports free for TCP and UDP on loopback. baresip's sip_listen on P
 * also takes P+1 (TLS), so SIP ports are taken in pairs.
 */
export async function freePorts(count: number): Promise<number> {
  for (let attempt = 0; attempt < 500; attempt += 1) {
    const base = next;
    next += count + 1;
    if (next > LAST) next = FIRST;
    let ok = true;
    for (let p = base; p < base + count && ok; p += 1) ok = (await tcpFree(p)) && (await udpFree(p));
    if (ok) return base;
  }
  throw new Error('no free ports on loopback');
}
