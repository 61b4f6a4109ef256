import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { ReplicaProxy } from './proxy';

/** A replica stand-in answering `<name> <method> <body>`, and a socket.io-like handshake with its own sid. */
async function backend(name: string): Promise<{ port: number; server: http.Server; sids: string[] }> {
  const sids: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.url?.startsWith('/socket.io/')) {
        const sid = /sid=([^&]+)/.exec(req.url)?.[1];
        if (!sid) {
          const fresh = `${name}-${sids.length}`;
          sids.push(fresh);
          res.end(`0{"sid":"${fresh}","upgrades":["websocket"],"pingInterval":25000}`);
        } else if (sids.includes(sid)) res.end(`${name} knows ${sid}`);
        else res.writeHead(400).end('{"code":1,"message":"Session ID unknown"}');
        return;
      }
      res.end(`${name} ${req.method} ${Buffer.concat(chunks).toString()}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, server, sids };
}

/** A port nothing listens on (taken and released). */
async function deadPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function call(url: string, init?: RequestInit): Promise<{ status: number; text: string }> {
  const response = await fetch(url, init);
  return { status: response.status, text: await response.text() };
}

describe('ReplicaProxy', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });
  const start = async (targets: number[]) => {
    const proxy = await ReplicaProxy.start({ name: 'test', port: await deadPort(), targets });
    closers.push(() => proxy.close());
    return proxy;
  };
  const serve = async (name: string) => {
    const b = await backend(name);
    closers.push(() => new Promise<void>((resolve) => b.server.close(() => resolve())));
    return b;
  };

  it('sends requests round-robin over the replicas', async () => {
    const [a, b] = [await serve('a'), await serve('b')];
    const proxy = await start([a.port, b.port]);
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push((await call(`${proxy.url}/x`)).text);
    expect(answers).toEqual(['a GET ', 'b GET ', 'a GET ', 'b GET ']);
    expect([...proxy.served.values()]).toEqual([2, 2]);
  });

  it('sends a request a dead replica refused to the next one, body and all', async () => {
    const a = await serve('a');
    const proxy = await start([await deadPort(), a.port]);
    for (let i = 0; i < 3; i++) {
      const answer = await call(`${proxy.url}/x`, { method: 'POST', body: `write ${i}` });
      expect(answer).toEqual({ status: 200, text: `a POST write ${i}` });
    }
    expect(proxy.refused).toBeGreaterThanOrEqual(1);
  });

  it('answers 502 when no replica answers', async () => {
    const proxy = await start([await deadPort(), await deadPort()]);
    const answer = await call(`${proxy.url}/x`);
    expect(answer.status).toBe(502);
    expect(answer.text).toContain('ECONNREFUSED');
  });

  it('keeps a long-polling session on the replica that made it, and lets it start over when that one is gone', async () => {
    const [a, b] = [await serve('a'), await serve('b')];
    const proxy = await start([a.port, b.port]);
    const handshake = await call(`${proxy.url}/socket.io/?EIO=4&transport=polling`);
    const sid = /"sid":"([^"]+)"/.exec(handshake.text)?.[1] ?? '';
    const owner = sid.startsWith('a') ? a : b;
    for (let i = 0; i < 3; i++) {
      const poll = await call(`${proxy.url}/socket.io/?EIO=4&transport=polling&sid=${sid}`);
      expect(poll).toEqual({ status: 200, text: `${sid[0]} knows ${sid}` });
    }
    await new Promise<void>((resolve) => {
      owner.server.closeAllConnections();
      owner.server.close(() => resolve());
    });
    const orphan = await call(`${proxy.url}/socket.io/?EIO=4&transport=polling&sid=${sid}`);
    expect(orphan.status).toBe(400);
    expect(orphan.text).toContain('Session ID unknown');
  });
});
