/**
 * The snapshot read against a small HTTP server that answers as the capacity service would: the query
 * built from the contract, the caller's token passed on, and the answer parsed by the route's schema.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ResponseContractViolation, type CapacitySnapshot } from '@plass/contracts';
import { loadConfig } from '../config';
import { SnapshotClient, SnapshotRefused } from './snapshot.client';

const snapshot: CapacitySnapshot = {
  scope: 'category',
  id: 'acute',
  key: 'category:acute',
  name: null,
  totals: { capacity: 8, occupied: 3, blocked: 1, reserved: 0, available: 4, occupancyRate: 3 / 7 },
  version: 5,
  updatedAt: '2026-12-04T10:00:00.000Z',
};

const problem = (status: number) => ({ type: 'about:blank', title: 'refused', status, detail: 'no' });

describe(SnapshotClient.name, () => {
  let server: Server;
  let client: SnapshotClient;
  let answer: { status: number; body: unknown };
  let asked: IncomingMessage | undefined;

  beforeAll(async () => {
    server = createServer((request, response) => {
      asked = request;
      response.writeHead(answer.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(answer.body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    client = new SnapshotClient(loadConfig({ CAPACITY_URL: `http://127.0.0.1:${port}` }));
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => {
    asked = undefined;
  });

  it("asks for the scope's snapshot with the caller's token and answers with it", async () => {
    answer = { status: 200, body: snapshot };
    await expect(client.fetch('category', 'acute', 'token-1')).resolves.toEqual(snapshot);
    expect(asked?.url).toBe('/api/capacity/snapshot?scope=category&id=acute');
    expect(asked?.headers.authorization).toBe('Bearer token-1');
  });

  it('leaves the id out for the city', async () => {
    answer = { status: 200, body: { ...snapshot, scope: 'city', id: null, key: 'city' } };
    await client.fetch('city', undefined, undefined);
    expect(asked?.url).toBe('/api/capacity/snapshot?scope=city');
    expect(asked?.headers.authorization).toBeUndefined();
  });

  it('answers null for a scope without known capacity', async () => {
    answer = { status: 404, body: problem(404) };
    await expect(client.fetch('unit', '3f6c2a1e-5b4d-4c3a-9e8f-7a6b5c4d3e2f', 't')).resolves.toBeNull();
  });

  it.each([401, 403])('throws SnapshotRefused when the token is refused with %i', async (status) => {
    answer = { status, body: problem(status) };
    const error = await client.fetch('city', undefined, 't').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SnapshotRefused);
    expect(error).toMatchObject({ status });
  });

  it('refuses a snapshot that breaks the contract instead of pushing it to the browser', async () => {
    answer = { status: 200, body: { ...snapshot, totals: { available: '4' } } };
    await expect(client.fetch('category', 'acute', 't')).rejects.toBeInstanceOf(ResponseContractViolation);
  });

  it('throws on any other failure', async () => {
    answer = { status: 503, body: problem(503) };
    await expect(client.fetch('city', undefined, 't')).rejects.toThrow(/answered 503/);
  });
});
