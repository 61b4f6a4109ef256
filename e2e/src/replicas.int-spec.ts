/**
 * Two of everything (ADR 0209): two gateways and two capacity-service instances behind the local proxies.
 * Reads and live changes go through the proxies; one capacity replica and then one gateway are killed,
 * and the other keeps serving.
 */
import { signDevToken } from '@plass/auth';
import {
  admitResident,
  contractClient,
  getCapacitySummary,
  registerInstitution,
  registerUnit,
  type CapacityChangedData,
  type ClientToServerEvents,
  type ContractClient,
  type ServerToClientEvents,
  TOPICS,
  type SubscribeAck,
  type UnitDto,
} from '@plass/contracts';
import {
  eventually,
  institutionFactory,
  startTestStack,
  unitFactory,
  type ReplicaProxy,
  type TestStack,
} from '@plass/testing';
import { io, type Socket } from 'socket.io-client';

type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * A consumer group member's assignment as the broker keeps it (Kafka's consumer protocol, version 0:
 * int16 version, int32 topics, each a string topic and int32 partitions; then user data): topic → partitions.
 */
function decodeAssignment(buffer: Buffer): Map<string, number[]> {
  const topics = new Map<string, number[]>();
  let at = 2;
  const count = buffer.readInt32BE(at);
  at += 4;
  for (let t = 0; t < count; t++) {
    const length = buffer.readInt16BE(at);
    const topic = buffer.toString('utf8', at + 2, at + 2 + length);
    at += 2 + length;
    const partitions: number[] = [];
    const n = buffer.readInt32BE(at);
    at += 4;
    for (let p = 0; p < n; p++, at += 4) partitions.push(buffer.readInt32BE(at));
    topics.set(topic, partitions);
  }
  return topics;
}

/** A socket.io client of `/live` subscribed to the city, keeping the newest city state it saw. */
class CityWatcher {
  city: CapacityChangedData | null = null;
  readonly socket: LiveSocket;

  constructor(url: string, token: string, transports: ('websocket' | 'polling')[]) {
    this.socket = io(`${url}/live`, { auth: { token }, transports, reconnection: false, forceNew: true });
    this.socket.on('capacity:changed', (change) => this.apply(change));
  }

  async subscribe(capacity: number): Promise<void> {
    await eventually(
      async () => {
        const ack = await this.socket.timeout(5000).emitWithAck('subscribe', { scope: 'city' });
        expect(ack.ok).toBe(true);
        const snapshot = (ack as Extract<SubscribeAck, { ok: true }>).snapshot;
        expect(snapshot.totals.capacity).toBe(capacity);
        this.apply(snapshot);
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
  }

  get occupied(): number {
    if (!this.city) throw new Error('no city state yet');
    return this.city.totals.occupied;
  }

  close(): void {
    this.socket.disconnect();
  }

  private apply(change: CapacityChangedData): void {
    if (change.key === 'city' && (!this.city || change.version > this.city.version)) this.city = change;
  }
}

describe('two gateways and two capacity-service instances behind the local proxies', () => {
  let stack: TestStack;
  let gatewayProxy: ReplicaProxy;
  let capacityProxy: ReplicaProxy;
  let staff: ContractClient;
  let reader: ContractClient;
  let readerToken: string;
  /** Eight units: their events spread over the partitions, so some are on each capacity instance's. */
  let units: UnitDto[];
  const watchers: CityWatcher[] = [];
  const UNITS = 8;
  const CAPACITY = UNITS * 10;

  const watch = async (transports: ('websocket' | 'polling')[]) => {
    const watcher = new CityWatcher(stack.gatewayUrl, readerToken, transports);
    watchers.push(watcher);
    await watcher.subscribe(CAPACITY);
    return watcher;
  };
  const admit = (unit: UnitDto = units[0]) =>
    staff.call(admitResident, { params: { unitId: unit.id }, body: { referringDistrictCode: '030103' } });
  const capacityGroup = async () => {
    const admin = stack.messaging.kafka.admin();
    await admin.connect();
    try {
      const {
        groups: [group],
      } = await admin.describeGroups([`${stack.settings.kafkaTopicPrefix}.capacity-service`]);
      return {
        state: group.state,
        /** The occupancy partitions each member holds. */
        owned: group.members.map((m) =>
          [...decodeAssignment(m.memberAssignment)]
            .filter(([topic]) => topic.endsWith(TOPICS.institutionOccupancy))
            .flatMap(([, partitions]) => partitions),
        ),
      };
    } finally {
      await admin.disconnect();
    }
  };
  const summaryStatus = async () =>
    (
      await fetch(`${stack.gatewayUrl}${getCapacitySummary.path}`, {
        headers: { authorization: `Bearer ${readerToken}` },
      })
    ).status;

  beforeAll(async () => {
    stack = await startTestStack({ replicas: 2 });
    const proxies = [stack.proxies.get('gateway'), stack.proxies.get('capacity-service')];
    if (!proxies[0] || !proxies[1]) throw new Error('the replicated stack has no proxies');
    [gatewayProxy, capacityProxy] = proxies as [ReplicaProxy, ReplicaProxy];
    const as = (token: string) =>
      contractClient({ baseUrl: stack.gatewayUrl, headers: () => ({ authorization: `Bearer ${token}` }) });
    const admin = as(await signDevToken({ roles: ['admin'], institutionIds: [], districtCode: null }));
    const institution = await admin.call(registerInstitution, { body: institutionFactory().build() });
    units = [];
    for (let i = 0; i < UNITS; i++) {
      units.push(
        await admin.call(registerUnit, {
          params: { id: institution.id },
          body: unitFactory()
            .capacity(CAPACITY / UNITS)
            .build(),
        }),
      );
    }
    staff = as(
      await signDevToken({
        roles: ['institution-staff'],
        institutionIds: [institution.id],
        districtCode: null,
      }),
    );
    readerToken = await signDevToken({ roles: ['intake'], institutionIds: [], districtCode: null });
    reader = as(readerToken);
  }, 180_000);

  afterAll(async () => {
    for (const w of watchers) w.close();
    await stack?.dispose();
  });

  it('runs each replica on its own port, the capacity instances in one consumer group splitting the partitions', async () => {
    const gateways = stack.specs.filter((s) => s.name === 'gateway');
    const capacity = stack.specs.filter((s) => s.name === 'capacity-service');
    expect(gateways).toHaveLength(2);
    expect(capacity).toHaveLength(2);
    expect(new Set(gateways.map((g) => g.env.GATEWAY_INSTANCE_ID)).size).toBe(2);
    expect(new Set(gateways.map((g) => g.env.GATEWAY_METRICS_PORT)).size).toBe(2);
    expect(gateways.map((g) => g.port)).not.toContain(stack.settings.ports.gateway);
    expect(capacity.map((c) => c.port)).not.toContain(stack.settings.ports.capacity);
    // Each capacity instance holds some partitions of the occupancy topic, and together all of them.
    await eventually(
      async () => {
        const { state, owned } = await capacityGroup();
        expect(state).toBe('Stable');
        expect(owned).toHaveLength(2);
        expect(owned.every((partitions) => partitions.length > 0)).toBe(true);
        expect(new Set(owned.flat()).size).toBe(12);
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
  });

  it('spreads reads over both gateways and both capacity instances', async () => {
    const before = [...gatewayProxy.served.values()];
    const capacityBefore = [...capacityProxy.served.values()];
    for (let i = 0; i < 6; i++) await reader.call(getCapacitySummary, {});
    const after = [...gatewayProxy.served.values()];
    const capacityAfter = [...capacityProxy.served.values()];
    expect(after.every((n, i) => n > before[i])).toBe(true);
    expect(capacityAfter.every((n, i) => n > capacityBefore[i])).toBe(true);
  });

  it('pushes a change to socket clients through the proxy, over WebSocket and over long-polling', async () => {
    const ws = await watch(['websocket']);
    // Long-polling is several requests: without the proxy pinning the session to one gateway they would
    // land on both, and the second would answer "Session ID unknown".
    const polling = await watch(['polling']);
    const before = [ws.occupied, polling.occupied];
    await admit();
    await eventually(
      () => {
        expect(ws.occupied).toBe(before[0] + 1);
        expect(polling.occupied).toBe(before[1] + 1);
      },
      { timeoutMs: 10_000, intervalMs: 50 },
    );
    expect(polling.socket.connected).toBe(true);
  });

  it('keeps answering reads and catches up the projection when one capacity instance is killed', async () => {
    const watcher = await watch(['websocket']);
    const [killed, kept] = stack.specs.filter((s) => s.name === 'capacity-service').map((s) => s.port);
    await stack.kill('capacity-service', 'SIGKILL', killed);
    expect(stack.runningPorts('capacity-service')).toEqual([kept]);
    // Every read through the proxies answers: the dead instance's refusals go on to the other.
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push(await summaryStatus());
    expect(statuses).toEqual(Array(10).fill(200));
    expect(capacityProxy.refused).toBeGreaterThan(0);
    // One admission on each unit (their partitions were split between the two instances): all become
    // visible once the group has given the dead instance's partitions to the one alive.
    const before = watcher.occupied;
    for (const unit of units) await admit(unit);
    await eventually(() => expect(watcher.occupied).toBe(before + UNITS), {
      timeoutMs: 60_000,
      intervalMs: 200,
    });
    await eventually(
      async () => {
        const { owned } = await capacityGroup();
        expect(owned).toHaveLength(1);
        expect(new Set(owned.flat()).size).toBe(12);
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    await eventually(
      async () => {
        const summary = await reader.call(getCapacitySummary, {});
        expect(summary.city.totals.occupied).toBe(before + UNITS);
      },
      { timeoutMs: 20_000, intervalMs: 250 },
    );
  }, 120_000);

  it('connects a new socket through the proxy and pushes to it when one gateway is killed', async () => {
    const [killed, kept] = stack.specs.filter((s) => s.name === 'gateway').map((s) => s.port);
    const onKilled = gatewayProxy.openSockets(killed);
    await stack.kill('gateway', 'SIGKILL', killed);
    expect(onKilled).toBeGreaterThan(0);
    await eventually(() => expect(gatewayProxy.openSockets(killed)).toBe(0), { timeoutMs: 5000 });
    // Two new clients: whichever gateway the proxy's turn names, both end up on the one alive.
    const fresh = [await watch(['websocket']), await watch(['websocket'])];
    expect(gatewayProxy.openSockets(kept)).toBeGreaterThanOrEqual(2);
    const before = fresh.map((w) => w.occupied);
    await admit();
    await eventually(() => expect(fresh.map((w) => w.occupied)).toEqual(before.map((n) => n + 1)), {
      timeoutMs: 10_000,
      intervalMs: 50,
    });
    expect(await summaryStatus()).toBe(200);
  }, 60_000);
});
