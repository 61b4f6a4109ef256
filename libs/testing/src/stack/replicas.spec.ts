import { replicaPlan } from './launcher';
import { DEFAULT_PORTS, defaultReplicaPorts, type StackSettings } from './services';

const settings: StackSettings = {
  ports: DEFAULT_PORTS,
  databasePrefix: 'plass',
  kafkaTopicPrefix: '',
  redisKeyPrefix: 'plass:',
  databaseUrl: 'postgres://postgres@127.0.0.1:5432',
  redisUrl: 'redis://127.0.0.1:6379',
  kafkaBrokers: '127.0.0.1:9092',
  kafkaCredentials: Object.fromEntries(
    ['institution-service', 'housing-service', 'capacity-service', 'intake-service', 'gateway'].map((p) => [
      p,
      { mechanism: 'scram-sha-512' as const, username: p, password: 'x' },
    ]),
  ),
};

describe(replicaPlan.name, () => {
  it('is nothing for one instance', () => {
    expect(replicaPlan({ settings })).toBeNull();
    expect(replicaPlan({ settings, replicas: 1 })).toBeNull();
  });

  it('runs two gateways and two capacity instances on their own ports behind proxies on the public ones', () => {
    const plan = replicaPlan({ settings, replicas: 2 });
    if (!plan) throw new Error('no plan');
    expect(plan.replicaPorts).toEqual(defaultReplicaPorts(DEFAULT_PORTS, 2));
    expect(plan.replicaPorts).toEqual({ gateway: [8081, 8082], capacity: [3103, 3203] });
    const gateways = plan.specs.filter((s) => s.name === 'gateway');
    const capacity = plan.specs.filter((s) => s.name === 'capacity-service');
    expect(gateways.map((g) => g.port)).toEqual([8081, 8082]);
    expect(gateways.map((g) => g.env.GATEWAY_METRICS_PORT)).toEqual(['9081', '9082']);
    expect(new Set(gateways.map((g) => g.env.GATEWAY_INSTANCE_ID)).size).toBe(2);
    expect(capacity.map((c) => [c.port, c.env.CAPACITY_PORT])).toEqual([
      [3103, '3103'],
      [3203, '3203'],
    ]);
    // Everything else reaches the capacity service through its proxy, and there is one of each other service.
    for (const spec of plan.specs) expect(spec.env.CAPACITY_URL).toBe('http://127.0.0.1:3003');
    expect(plan.specs.filter((s) => s.name === 'institution-service')).toHaveLength(1);
    expect(plan.proxies).toEqual([
      { name: 'capacity-service', port: 3003, targets: [3103, 3203] },
      { name: 'gateway', port: 8080, targets: [8081, 8082] },
    ]);
  });

  it('refuses replica ports that do not match the count', () => {
    expect(() =>
      replicaPlan({ settings, replicas: 2, replicaPorts: { gateway: [1], capacity: [2, 3] } }),
    ).toThrow(/2 gateway and 2 capacity-service ports/);
  });
});
