/**
 * A socket whose token expires, under load: the gateway sends it `session:expired` ("token expired")
 * and disconnects it at the token's exp, a socket of the same subject that sent `reauthenticate` in
 * time stays, and nothing else is affected: every dashboard client of the suite stays connected and
 * subscribed, and the invariant (their numbers included) holds (ADR 0115).
 */
import { signDevToken } from '@plass/auth';
import {
  TOKEN_EXPIRED_REASON,
  type ClientToServerEvents,
  type ReauthenticateAck,
  type ServerToClientEvents,
  type SessionExpired,
  type SubscribeAck,
} from '@plass/contracts';
import { io, type Socket } from 'socket.io-client';
import type { FaultSpec } from '../faults';

type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Lifetime of the expiring token: long enough to connect and subscribe, short enough to wait for. */
const TTL_SECONDS = 4;

interface Watched {
  socket: LiveSocket;
  expired: SessionExpired[];
  disconnects: string[];
  pushes: number;
}

async function open(url: string, token: string): Promise<Watched> {
  const socket: LiveSocket = io(`${url}/live`, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  const watched: Watched = { socket, expired: [], disconnects: [], pushes: 0 };
  socket.on('session:expired', (payload, ack) => {
    watched.expired.push(payload);
    ack();
  });
  socket.on('disconnect', (reason) => watched.disconnects.push(reason));
  socket.on('capacity:changed', () => (watched.pushes += 1));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  const ack = (await socket.timeout(5000).emitWithAck('subscribe', { scope: 'city' })) as SubscribeAck;
  if (!ack.ok) throw new Error(`subscribe city: ${ack.error}`);
  return watched;
}

export const TOKEN_EXPIRY: FaultSpec = {
  key: 'token-expiry',
  title: 'a socket whose token expires (disconnected, nothing else affected)',
  async inject(ctx, notes, problems) {
    const url = `http://127.0.0.1:${ctx.liveGateways[0]}`;
    const user = { roles: ['intake' as const], institutionIds: [], districtCode: null };
    const reconnectsBefore = ctx.clients.map((c) => c.reconnects);
    const expiring = await open(
      url,
      await signDevToken({ ...user, sub: 'fault-expiring' }, { ttlSeconds: TTL_SECONDS }),
    );
    const renewing = await open(
      url,
      await signDevToken({ ...user, sub: 'fault-renewing' }, { ttlSeconds: TTL_SECONDS }),
    );
    const renewed = (await renewing.socket.timeout(5000).emitWithAck('reauthenticate', {
      token: await signDevToken({ ...user, sub: 'fault-renewing' }, { ttlSeconds: 600 }),
    })) as ReauthenticateAck;
    if (!renewed.ok) problems.push(`reauthenticate was refused: ${renewed.error}`);
    ctx.log(
      `  two sockets on ${url} with ${TTL_SECONDS} s tokens, one reauthenticated; waiting past their exp`,
    );

    // exp is in whole seconds; then the gateway's grace for the acknowledgement (1 s).
    await sleep(TTL_SECONDS * 1000 + 2500);
    const healedAt = Date.now();
    const pushesWhileExpired = expiring.pushes;
    const reason: string = TOKEN_EXPIRED_REASON;
    if (expiring.expired[0]?.reason !== reason) {
      problems.push(`the expiring socket was not told "${reason}" (got ${JSON.stringify(expiring.expired)})`);
    }
    if (!expiring.disconnects.includes('io server disconnect') || expiring.socket.connected) {
      problems.push(
        `the expiring socket was not disconnected by the gateway (${expiring.disconnects.join(', ') || 'still connected'})`,
      );
    }
    if (!renewing.socket.connected || renewing.expired.length > 0) {
      problems.push('the socket that reauthenticated in time was disconnected');
    }
    const disturbed = ctx.clients.filter((c, i) => c.reconnects !== reconnectsBefore[i] || !c.subscribed);
    if (disturbed.length > 0) {
      problems.push(
        `${disturbed.map((c) => c.name).join(', ')} lost their connection while another socket expired`,
      );
    }
    notes.push(
      `the expiring socket was told "${expiring.expired[0]?.reason ?? '—'}" and disconnected ` +
        `(${expiring.disconnects.join(', ') || 'not'}); the renewed one stays connected; ` +
        `${ctx.clients.length - disturbed.length}/${ctx.clients.length} dashboard clients undisturbed`,
    );
    return {
      healedAt,
      afterQuiet: () => {
        if (expiring.pushes !== pushesWhileExpired) {
          problems.push(
            `the expired socket received ${expiring.pushes - pushesWhileExpired} push(es) after it expired`,
          );
        }
        if (renewing.pushes === 0) problems.push('the renewed socket received no push under load');
        expiring.socket.disconnect();
        renewing.socket.disconnect();
        return Promise.resolve();
      },
    };
  },
};
