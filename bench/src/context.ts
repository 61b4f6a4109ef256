/** What every measurement shares: the stack, tokens, Kafka access, and "wait until the stack is quiet". */
import { signDevToken } from '@plass/auth';
import { TOPICS } from '@plass/contracts';
import type { DistrictCode } from '@plass/domain';
import { EventProducer, type Messaging } from '@plass/messaging';
import type { TestStack } from '@plass/testing';
import { Client } from 'pg';
import { sleep } from './clock';
import { LagProbe } from './lag';
import type { Mode } from './modes';
import { log } from './progress';

export const CAPACITY_GROUP = 'capacity-service';

export class BenchContext {
  readonly lag: LagProbe;
  readonly producer: EventProducer;
  private readonly databases = new Map<string, Client>();
  private readonly deadline: number;

  /** Kafka as `ops`, the principal of the bench (reads every topic, writes the source topics; ADR 0100). */
  readonly kafka: Messaging;

  constructor(
    readonly stack: TestStack,
    readonly mode: Mode,
    readonly logDir: string,
    startedAt: number,
  ) {
    this.kafka = stack.messagingAs('ops');
    this.lag = new LagProbe(this.kafka);
    this.producer = new EventProducer(this.kafka);
    this.deadline = startedAt + mode.budgetMs;
  }

  remainingMs(): number {
    return this.deadline - Date.now();
  }

  urlOf(name: 'institution-service' | 'housing-service' | 'capacity-service' | 'gateway'): string {
    return this.stack.urlOf(name);
  }

  /** Where the service's `GET /metrics` answers (the gateway's is on an internal port, ADR 0117). */
  metricsUrlOf(name: 'institution-service' | 'housing-service' | 'capacity-service' | 'gateway'): string {
    return this.stack.metricsUrlOf(name);
  }

  /** The gateway's own consumer group on capacity.changed (ADR 0003: one group per instance). */
  get gatewayGroup(): string {
    const spec = this.stack.specs.find((s) => s.name === 'gateway');
    return `gateway.${spec?.env.GATEWAY_INSTANCE_ID ?? ''}`;
  }

  /** Every gateway's consumer group on capacity.changed (one per instance). */
  get gatewayGroups(): string[] {
    return this.stack.specs
      .filter((s) => s.name === 'gateway')
      .map((s) => `gateway.${s.env.GATEWAY_INSTANCE_ID ?? ''}`);
  }

  adminToken(): Promise<string> {
    return signDevToken({ roles: ['admin'], institutionIds: [], districtCode: null });
  }

  readerToken(districtCode: DistrictCode = '030103'): Promise<string> {
    return signDevToken({ roles: ['district-staff'], institutionIds: [], districtCode });
  }

  staffToken(institutionIds: string[]): Promise<string> {
    return signDevToken({ roles: ['institution-staff'], institutionIds, districtCode: null });
  }

  private async database(suffix: 'institution' | 'capacity'): Promise<Client> {
    let client = this.databases.get(suffix);
    if (!client) {
      const url = new URL(this.stack.settings.databaseUrl);
      url.pathname = `/${this.stack.settings.databasePrefix}_${suffix}`;
      client = new Client({ connectionString: url.toString(), application_name: 'bench' });
      await client.connect();
      this.databases.set(suffix, client);
    }
    return client;
  }

  /** Outbox rows not yet published (and not failed) in a service's database. */
  async outboxPending(suffix: 'institution' | 'capacity'): Promise<number> {
    const db = await this.database(suffix);
    const { rows } = await db.query<{ n: string }>(
      'SELECT count(*) AS n FROM outbox WHERE published_at IS NULL AND failed_at IS NULL',
    );
    return Number(rows[0].n);
  }

  /**
   * Waits (bounded) until every write has gone all the way through: both outboxes published, the
   * capacity service and the gateway caught up. Returns false when the time ran out.
   */
  async waitQuiet(timeoutMs: number, what = 'stack'): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    let lastReport = Date.now();
    while (Date.now() < deadline) {
      const [institution, capacityLag, capacity, gatewayLag] = await Promise.all([
        this.outboxPending('institution'),
        this.lag.lag(CAPACITY_GROUP, TOPICS.institutionOccupancy),
        this.outboxPending('capacity'),
        // Every gateway's own group (two with --replicas 2).
        Promise.all(this.gatewayGroups.map((g) => this.lag.lag(g, TOPICS.capacityChanged))).then((lags) =>
          lags.reduce((a, b) => a + b, 0),
        ),
      ]);
      if (institution + capacityLag + capacity + gatewayLag === 0) return true;
      if (Date.now() - lastReport > 5000) {
        lastReport = Date.now();
        log(
          what,
          `waiting for quiet: institution outbox ${institution}, capacity lag ${capacityLag}, capacity outbox ${capacity}, gateway lag ${gatewayLag}`,
        );
      }
      await sleep(200);
    }
    return false;
  }

  async close(): Promise<void> {
    await this.lag.close().catch(() => undefined);
    await this.producer.disconnect().catch(() => undefined);
    for (const db of this.databases.values()) await db.end().catch(() => undefined);
    this.databases.clear();
  }
}
