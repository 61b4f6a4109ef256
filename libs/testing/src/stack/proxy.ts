/**
 * A small local reverse proxy in front of a service's replicas (ADR 0209), the load balancer of a
 * replicated stack on one machine: HTTP requests round-robin over the replicas; a replica that refuses
 * the connection (ECONNREFUSED: it is dead or not up yet) is skipped and the request goes to the next
 * one, so a dead replica is neither hidden nor fatal. Only a refused connection is retried: the request
 * never reached that replica, so sending it to another cannot apply a write twice. So is a read (GET,
 * HEAD, OPTIONS) whose kept-alive connection turned out to be closed already (ECONNRESET on a reused
 * socket: the replica died between two requests).
 *
 * socket.io (ADR 0209): a WebSocket upgrade is one connection and goes to one replica (round-robin
 * too). A long-polling session is pinned to the replica that answered its handshake: the proxy reads
 * the `sid` from the handshake's answer and sends every later request carrying that `sid` (the polls
 * and the upgrade) to the same replica. When that replica is gone the session is forgotten and the
 * request goes elsewhere, where socket.io answers "Session ID unknown" and the client starts over.
 */
import http from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import { Readable } from 'node:stream';
import httpProxy from 'http-proxy';

export interface ReplicaProxyOptions {
  /** What the proxy stands for, in messages (`gateway`, `capacity-service`). */
  name: string;
  /** The port it listens on (127.0.0.1). */
  port: number;
  /** The replicas' ports on 127.0.0.1. */
  targets: number[];
  /** How long a polling session stays pinned after its last request (default 10 minutes). */
  sessionTtlMs?: number;
}

interface Session {
  target: number;
  seenAt: number;
}

const SOCKET_IO_PATH = '/socket.io/';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const SID = /[?&]sid=([^&]+)/;
const HANDSHAKE_SID = /"sid":"([^"]+)"/;

/** Whether something accepts connections on the port (a refusal answers at once on loopback). */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.connect({ host: '127.0.0.1', port });
    probe.setTimeout(2000, () => (probe.destroy(), resolve(false)));
    probe.once('connect', () => (probe.destroy(), resolve(true)));
    probe.once('error', () => resolve(false));
  });
}

function sidOf(url: string | undefined): string | null {
  if (!url?.startsWith(SOCKET_IO_PATH)) return null;
  const match = SID.exec(url);
  return match ? decodeURIComponent(match[1]) : null;
}

export class ReplicaProxy {
  private readonly proxy = httpProxy.createProxyServer({ ws: true });
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  private readonly server: http.Server;
  private readonly sessions = new Map<string, Session>();
  private readonly upgraded = new Map<number, Set<Duplex>>();
  private turn = 0;
  /** Each incoming request's outgoing one (to see whether it went out on a reused connection). */
  private readonly outgoing = new WeakMap<http.IncomingMessage, http.ClientRequest>();
  /** Requests and upgrades each replica answered, by port. */
  readonly served = new Map<number, number>();
  /** Connections a replica refused and the proxy sent on to another. */
  refused = 0;

  private constructor(readonly options: ReplicaProxyOptions) {
    if (options.targets.length === 0) throw new Error(`${options.name} proxy: no replicas`);
    for (const target of options.targets) {
      this.served.set(target, 0);
      this.upgraded.set(target, new Set());
    }
    this.proxy.on('proxyRes', (proxyRes, req) => this.learnSession(proxyRes, req));
    this.proxy.on('proxyReq', (proxyReq, req) => this.outgoing.set(req, proxyReq));
    // Errors reach the callbacks below; this only keeps a late one from crashing the process.
    this.proxy.on('error', () => undefined);
    this.server = http.createServer((req, res) => void this.web(req, res));
    this.server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) =>
      this.upgrade(req, socket, head),
    );
    this.server.keepAliveTimeout = 65_000;
  }

  static async start(options: ReplicaProxyOptions): Promise<ReplicaProxy> {
    const proxy = new ReplicaProxy(options);
    await new Promise<void>((resolve, reject) => {
      proxy.server.once('error', reject);
      proxy.server.listen(options.port, '127.0.0.1', () => {
        proxy.server.off('error', reject);
        resolve();
      });
    });
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${this.options.port}`;
  }

  /** WebSocket connections open through the proxy to one replica. */
  openSockets(target: number): number {
    return this.upgraded.get(target)?.size ?? 0;
  }

  async close(): Promise<void> {
    for (const sockets of this.upgraded.values()) for (const s of sockets) s.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.proxy.close();
    this.agent.destroy();
  }

  /**
   * The replicas to try, in order: a pinned polling session's replica first; otherwise the next one in
   * turn, then the others.
   */
  private order(sid: string | null): number[] {
    const targets = this.options.targets;
    const pinned = sid ? this.sessions.get(sid) : undefined;
    if (pinned) {
      pinned.seenAt = Date.now();
      return [pinned.target, ...targets.filter((t) => t !== pinned.target)];
    }
    const start = this.turn++ % targets.length;
    return targets.map((_, i) => targets[(start + i) % targets.length]);
  }

  private async web(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // The body is read first so that it can be sent again to another replica after a refusal.
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of req) chunks.push(chunk as Buffer);
    } catch {
      res.destroy();
      return;
    }
    const body = Buffer.concat(chunks);
    const sid = sidOf(req.url);
    const targets = this.order(sid);
    const attempt = (i: number) => {
      const target = targets[i];
      this.proxy.web(
        req,
        res,
        {
          target: `http://127.0.0.1:${target}`,
          agent: this.agent,
          buffer: Readable.from(body.length > 0 ? [body] : []),
        },
        (error: NodeJS.ErrnoException) => {
          const stale =
            error.code === 'ECONNRESET' &&
            this.outgoing.get(req)?.reusedSocket === true &&
            SAFE_METHODS.has(req.method ?? '');
          if ((error.code === 'ECONNREFUSED' || stale) && !res.headersSent && i + 1 < targets.length) {
            this.refused += 1;
            if (sid) this.sessions.delete(sid);
            attempt(i + 1);
            return;
          }
          if (res.headersSent) {
            res.destroy();
            return;
          }
          res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
          res.end(`${this.options.name}: no replica answered (${error.code ?? error.message})`);
        },
      );
      this.served.set(target, (this.served.get(target) ?? 0) + 1);
    };
    attempt(0);
  }

  private upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const sid = sidOf(req.url);
    const targets = this.order(sid);
    // http-proxy ends the client's socket when the replica refuses the upgrade, so a refusal cannot be
    // retried there: the replica's port is probed first, and a refusing one skipped.
    const attempt = async (i: number): Promise<void> => {
      const target = targets[i];
      if (!(await accepts(target))) {
        this.refused += 1;
        if (sid) this.sessions.delete(sid);
        if (i + 1 < targets.length && !socket.destroyed) return attempt(i + 1);
        socket.destroy();
        return;
      }
      if (socket.destroyed) return;
      const open = this.upgraded.get(target);
      open?.add(socket);
      socket.once('close', () => open?.delete(socket));
      this.served.set(target, (this.served.get(target) ?? 0) + 1);
      this.proxy.ws(req, socket, head, { target: `ws://127.0.0.1:${target}` }, () => {
        open?.delete(socket);
        socket.destroy();
      });
    };
    void attempt(0);
  }

  /** Pins a polling session to the replica that answered its handshake (a socket.io GET without `sid`). */
  private learnSession(proxyRes: http.IncomingMessage, req: http.IncomingMessage): void {
    if (!req.url?.startsWith(SOCKET_IO_PATH) || sidOf(req.url) || proxyRes.statusCode !== 200) return;
    // The replica that answered: the far end of the connection the answer came on.
    const port = proxyRes.socket?.remotePort;
    if (!port) return;
    proxyRes.once('data', (chunk: Buffer) => {
      const match = HANDSHAKE_SID.exec(chunk.toString('utf8', 0, Math.min(chunk.length, 512)));
      if (!match) return;
      this.sweep();
      this.sessions.set(match[1], { target: port, seenAt: Date.now() });
    });
  }

  private sweep(): void {
    const oldest = Date.now() - (this.options.sessionTtlMs ?? 10 * 60_000);
    for (const [sid, session] of this.sessions) if (session.seenAt < oldest) this.sessions.delete(sid);
  }
}
