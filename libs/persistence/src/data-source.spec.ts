import net from 'node:net';
import { Pool, type PoolClient } from 'pg';
import { createDataSource, databaseUrl } from './data-source';

describe('databaseUrl', () => {
  it('puts the database into the server URL and keeps the credentials', () => {
    expect(databaseUrl('postgres://postgres:secret@127.0.0.1:5432', 'plass_capacity')).toBe(
      'postgres://postgres:secret@127.0.0.1:5432/plass_capacity',
    );
  });
});

describe(createDataSource.name, () => {
  /** A backend message: type, length, body. */
  function message(type: string, body: Buffer): Buffer {
    const head = Buffer.alloc(5);
    head.write(type, 0);
    head.writeInt32BE(body.length + 4, 1);
    return Buffer.concat([head, body]);
  }

  it('keeps the process up when the server ends a new connection right after accepting it (a restart)', async () => {
    // The server accepts the connection and, in the same packet, terminates it as PostgreSQL does while
    // it shuts down: the error arrives before TypeORM has taken the client from the pool.
    const packet = Buffer.concat([
      message('R', Buffer.from([0, 0, 0, 0])),
      message('Z', Buffer.from('I')),
      message('E', Buffer.from('SFATAL\0C57P01\0Mterminating connection due to administrator command\0\0')),
    ]);
    const server = net.createServer((socket) => socket.once('data', () => socket.write(packet)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    const { extra } = createDataSource({
      serverUrl: `postgres://postgres@127.0.0.1:${port}`,
      database: 'plass_test',
      entities: [],
      migrations: [],
    }).options as { extra: object };
    const pool = new Pool({ host: '127.0.0.1', port, user: 'postgres', database: 'plass_test', ...extra });
    const poolErrors: Error[] = [];
    pool.on('error', (error) => poolErrors.push(error));
    let client: PoolClient | undefined;
    try {
      client = await new Promise<PoolClient>((resolve, reject) =>
        pool.connect((error, c) => (error || !c ? reject(error ?? new Error('no client')) : resolve(c))),
      );
      // What TypeORM does, one microtask late.
      client.on('error', () => undefined);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(poolErrors.map((e) => e.message)).toEqual([
        'terminating connection due to administrator command',
      ]);
    } finally {
      client?.release(true);
      await pool.end();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
