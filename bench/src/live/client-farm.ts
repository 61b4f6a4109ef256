/**
 * A client farm: a child process of the bench that holds many socket.io clients of `/live`, so their
 * work (decoding every pushed change) does not stall the bench's own clock and requests.
 * Started by LiveFarm (farm.ts); speaks FarmCommand / FarmReply over the IPC channel.
 */
import type {
  ClientToServerEvents,
  ServerToClientEvents,
  SubscribeAck,
  SubscribeRequest,
} from '@plass/contracts';
import { io, type Socket } from 'socket.io-client';
import { now, sleep } from '../clock';
import type { FarmCommand, FarmReply } from './farm-protocol';

type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const sockets: LiveSocket[] = [];
let received = 0;
let armedKey: string | null = null;
let receipts: (number | undefined)[] = [];

function reply(message: FarmReply): void {
  process.send?.(message);
}

async function connectOne(
  index: number,
  url: string,
  token: string,
  scopes: SubscribeRequest[],
  timeoutMs: number,
): Promise<void> {
  const socket: LiveSocket = io(`${url}/live`, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: timeoutMs,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
  socket.on('capacity:changed', (change) => {
    received += 1;
    if (armedKey !== null && change.key === armedKey && receipts[index] === undefined)
      receipts[index] = now();
  });
  for (const request of scopes) {
    let ack: SubscribeAck | null = null;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        ack = (await socket.timeout(timeoutMs).emitWithAck('subscribe', request)) as SubscribeAck;
        // A scope without numbers stays without them: no point asking again.
        if (ack.ok || ack.error.startsWith('no capacity is known')) break;
      } catch (error) {
        ack = { ok: false, error: (error as Error).message };
      }
      await sleep(200 * (attempt + 1));
    }
    if (!ack?.ok) {
      socket.close();
      throw new Error(
        `subscribe ${request.scope}:${request.id ?? ''} failed: ${ack ? ack.error : 'no answer'}`,
      );
    }
  }
  sockets[index] = socket;
}

async function connect(command: Extract<FarmCommand, { type: 'connect' }>): Promise<FarmReply> {
  const started = now();
  let next = 0;
  let connected = 0;
  let failed = 0;
  let firstError: string | null = null;
  const progress = setInterval(() => reply({ id: -1, type: 'progress', connected, failed }), 1000);
  const worker = async () => {
    while (next < command.count) {
      const index = next++;
      try {
        await connectOne(
          index,
          command.url,
          command.token,
          command.scopeSets[index % command.scopeSets.length],
          command.timeoutMs,
        );
        connected += 1;
      } catch (error) {
        failed += 1;
        firstError ??= (error as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: command.concurrency }, worker));
  clearInterval(progress);
  return { id: command.id, type: 'connected', connected, failed, ms: now() - started, firstError };
}

async function collect(id: number, timeoutMs: number): Promise<FarmReply> {
  const deadline = Date.now() + timeoutMs;
  const expected = () => sockets.filter((s, i) => s?.connected && receipts[i] === undefined).length;
  while (expected() > 0 && Date.now() < deadline) await sleep(5);
  const times = receipts.filter((t): t is number => t !== undefined);
  return { id, type: 'collected', times, missing: expected() };
}

async function handle(command: FarmCommand): Promise<FarmReply> {
  switch (command.type) {
    case 'connect':
      return connect(command);
    case 'arm':
      armedKey = command.key;
      receipts = new Array<number | undefined>(sockets.length);
      return { id: command.id, type: 'armed' };
    case 'collect':
      return collect(command.id, command.timeoutMs);
    case 'stats': {
      const cpu = process.cpuUsage();
      return {
        id: command.id,
        type: 'stats',
        stats: {
          clients: sockets.length,
          connected: sockets.filter((s) => s?.connected).length,
          received,
          cpuUserMs: Math.round(cpu.user / 1000),
          cpuSystemMs: Math.round(cpu.system / 1000),
          rssMiB: Math.round(process.memoryUsage().rss / 1024 / 1024),
        },
      };
    }
    case 'close':
      for (const socket of sockets) socket?.disconnect();
      sockets.length = 0;
      return { id: command.id, type: 'closed' };
  }
}

process.on('message', (command: FarmCommand) => {
  handle(command).then(reply, (error: unknown) =>
    reply({ id: command.id, type: 'error', message: (error as Error).message }),
  );
});
// The bench went away: nothing to keep the clients for.
process.on('disconnect', () => process.exit(0));
