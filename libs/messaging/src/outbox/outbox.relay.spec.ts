import net from 'node:net';
import type { DataSource } from 'typeorm';
import type { EventProducer } from '../core/producer';
import { OutboxRelay } from './outbox.relay';

describe(OutboxRelay.name, () => {
  let database: net.Server;
  let port: number;

  beforeAll(async () => {
    // A "database" that hangs up on every connection: each attempt to LISTEN fails, through real I/O.
    database = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => database.listen(0, '127.0.0.1', resolve));
    port = (database.address() as net.AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => database.close(resolve));
  });

  it('backs off while its database is unreachable, even when woken, and still stops at once', async () => {
    const retries: unknown[] = [];
    const relay = new OutboxRelay({
      dataSource: {} as DataSource,
      producer: {} as EventProducer,
      listenUrl: `postgres://postgres@127.0.0.1:${port}/none`,
      logger: {
        info: () => undefined,
        warn: (fields, msg) => {
          if (msg === 'outbox relay retrying') retries.push(fields);
        },
        error: () => undefined,
      },
    });
    relay.start();
    let stoppedIn = Infinity;
    try {
      // A lost LISTEN connection wakes the relay (notify) and nothing clears that until it reconnects.
      relay.notify();
      await new Promise((resolve) => setTimeout(resolve, 1000));
    } finally {
      const stopping = Date.now();
      await relay.stop();
      stoppedIn = Date.now() - stopping;
    }
    // 200 ms, 400 ms, 800 ms apart: three or four attempts in a second, not hundreds.
    expect(retries.length).toBeGreaterThanOrEqual(2);
    expect(retries.length).toBeLessThanOrEqual(4);
    expect(stoppedIn).toBeLessThan(500);
  });
});
