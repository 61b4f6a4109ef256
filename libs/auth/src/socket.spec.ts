import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import type { DefaultEventsMap } from 'socket.io';
import { io as connect } from 'socket.io-client';
import type { Socket as ClientSocket } from 'socket.io-client';
import type { AuthUser } from './claims';
import { signDevToken } from './dev-token';
import { socketAuthMiddleware } from './socket';
import { devConfig, rawToken, usersByRole } from './testing/auth-user.factory';
import { createTokenVerifier } from './verifier';

type Outcome =
  { connected: true; user: AuthUser | undefined } | { connected: false; message: string; data: unknown };

describe(socketAuthMiddleware.name, () => {
  const httpServer = createServer();
  const server = new Server<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, { user?: AuthUser }>(
    httpServer,
  );
  const users = new Map<string, AuthUser | undefined>();
  const clients: ClientSocket[] = [];
  let url: string;

  beforeAll(async () => {
    server.use(socketAuthMiddleware(createTokenVerifier(devConfig)));
    server.on('connection', (socket) => users.set(socket.id, socket.data.user));
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    clients.forEach((client) => client.close());
    await server.close();
  });

  function attempt(options: { auth?: Record<string, unknown>; extraHeaders?: Record<string, string> }) {
    const client = connect(url, {
      ...options,
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    clients.push(client);
    return new Promise<Outcome>((resolve) => {
      client.on('connect', () => {
        // The server has run its connection handler before the client sees `connect`.
        resolve({ connected: true, user: users.get(client.id ?? '') });
      });
      client.on('connect_error', (error: Error & { data?: unknown }) =>
        resolve({ connected: false, message: error.message, data: error.data }),
      );
    });
  }

  it('accepts a valid handshake.auth.token and puts the user on socket.data', async () => {
    const token = await signDevToken(usersByRole.intake, { config: devConfig });
    await expect(attempt({ auth: { token } })).resolves.toEqual({
      connected: true,
      user: usersByRole.intake,
    });
  });

  it('falls back to the Authorization header', async () => {
    const token = await signDevToken(usersByRole.admin, { config: devConfig });
    await expect(attempt({ extraHeaders: { authorization: `Bearer ${token}` } })).resolves.toEqual({
      connected: true,
      user: usersByRole.admin,
    });
  });

  it('refuses an expired token with a message that says why and the code in err.data', async () => {
    const token = await rawToken({ ...usersByRole.intake, exp: 1_700_000_000 });
    await expect(attempt({ auth: { token } })).resolves.toEqual({
      connected: false,
      message: 'unauthorized: token expired at 2023-11-14T22:13:20Z',
      data: { code: 'expired' },
    });
  });

  it('refuses a handshake without a token', async () => {
    await expect(attempt({})).resolves.toEqual({
      connected: false,
      message: 'unauthorized: no bearer token',
      data: { code: 'missing-token' },
    });
  });

  it('refuses a malformed Authorization header', async () => {
    await expect(attempt({ extraHeaders: { authorization: 'Basic dXNlcjpwdw==' } })).resolves.toMatchObject({
      connected: false,
      data: { code: 'malformed' },
    });
  });
});
