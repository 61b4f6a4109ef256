/**
 * What Prometheus sees (ADR 0140): every service's /metrics (the gateway's on its internal port) after
 * some traffic has the metrics the alert rules use, and passes `promtool check metrics`; the rules file
 * passes `promtool check rules` and its unit tests (`promtool test rules`). promtool comes from Debian's
 * `prometheus` package (.ci/run installs it).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { signDevToken } from '@plass/auth';
import {
  TOPICS,
  type AdmissionResultDto,
  type ClientToServerEvents,
  type InstitutionDto,
  type ServerToClientEvents,
  type UnitDto,
} from '@plass/contracts';
import { EventProducer } from '@plass/messaging';
import {
  ApiClient,
  eventually,
  expectStatus,
  institutionFactory,
  startTestStack,
  unitFactory,
  type TestStack,
} from '@plass/testing';
import { io, type Socket } from 'socket.io-client';

const ROOT = path.resolve(__dirname, '../..');
const RULES_DIR = path.join(ROOT, 'infra/prometheus');

/** What the alert rules and dashboards rely on, per service. */
const COMMON = [
  'plass_http_request_duration_seconds',
  'plass_readiness_check_ok',
  'plass_process_cpu_user_seconds_total',
];
const OUTBOX = [
  'plass_outbox_backlog_messages',
  'plass_outbox_oldest_unpublished_age_seconds',
  'plass_outbox_published_total',
  'plass_outbox_failed_total',
];
const CONSUMER = ['plass_kafka_consumer_lag_messages', 'plass_kafka_dead_letters_total'];
const EXPECTED = {
  'institution-service': [...COMMON, ...OUTBOX],
  'housing-service': [...COMMON, ...OUTBOX],
  'capacity-service': [...COMMON, ...OUTBOX, ...CONSUMER, 'plass_alerts_unresolved'],
  gateway: [...COMMON, ...CONSUMER, 'plass_live_sockets_connected', 'plass_live_pushes_total'],
} as const;
type Service = keyof typeof EXPECTED;

/**
 * prom-client's own default metrics that promtool's lint objects to (gauges named `_total`): not ours to
 * rename, and renaming them would break every Node.js dashboard. Any other finding fails the test.
 */
const PROM_CLIENT_FINDINGS = new Set([
  'plass_nodejs_active_handles_total non-counter metrics should not have "_total" suffix',
  'plass_nodejs_active_requests_total non-counter metrics should not have "_total" suffix',
  'plass_nodejs_active_resources_total non-counter metrics should not have "_total" suffix',
]);

function promtool(args: string[], input?: string): { status: number | null; output: string } {
  const result = spawnSync('promtool', args, { cwd: RULES_DIR, input, encoding: 'utf8' });
  if (result.error)
    throw new Error(`promtool could not run (apt-get install prometheus): ${result.error.message}`);
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** The metric families a scrape declares (`# TYPE <name> <kind>`). */
function families(text: string): Set<string> {
  return new Set([...text.matchAll(/^# TYPE (\S+) \S+$/gm)].map((m) => m[1]));
}

describe('Prometheus metrics and alert rules', () => {
  let stack: TestStack;
  let client: Socket<ServerToClientEvents, ClientToServerEvents> | undefined;
  let producer: EventProducer | undefined;
  const scrape = async (service: Service) => (await fetch(`${stack.metricsUrlOf(service)}/metrics`)).text();

  beforeAll(async () => {
    execFileSync('promtool', ['--version'], { stdio: 'ignore' });
    stack = await startTestStack();
    const admin = new ApiClient(
      stack.gatewayUrl,
      await signDevToken({ roles: ['admin'], institutionIds: [], districtCode: null }),
    );
    const institution = expectStatus(
      await admin.post<InstitutionDto>('/api/institutions', institutionFactory().build()),
      201,
    );
    const unit = expectStatus(
      await admin.post<UnitDto>(
        `/api/institutions/${institution.id}/units`,
        unitFactory().capacity(2).build(),
      ),
      201,
    );
    const token = await signDevToken({ roles: ['intake'], institutionIds: [], districtCode: null });
    const live = io(`${stack.gatewayUrl}/live`, { auth: { token }, transports: ['websocket'] });
    client = live;
    await new Promise<void>((resolve, reject) => {
      live.once('connect', resolve);
      live.once('connect_error', reject);
    });
    const pushed: string[] = [];
    live.on('capacity:changed', (change) => pushed.push(change.key));
    await eventually(
      async () => expect(await live.emitWithAck('subscribe', { scope: 'city' })).toMatchObject({ ok: true }),
      {
        timeoutMs: 20_000,
      },
    );
    const staff = new ApiClient(
      stack.gatewayUrl,
      await signDevToken({
        roles: ['institution-staff'],
        institutionIds: [institution.id],
        districtCode: null,
      }),
    );
    expectStatus(
      await staff.post<AdmissionResultDto>(`/api/units/${unit.id}/admissions`, {
        referringDistrictCode: '030103',
      }),
      201,
    );
    await eventually(() => expect(pushed).toContain('city'), { timeoutMs: 20_000 });
    // A message no consumer can read: the capacity service dead-letters it.
    producer = new EventProducer(stack.messaging);
    await producer.send([{ topic: TOPICS.institutionOccupancy, key: 'poison', value: 'not json' }]);
  });

  afterAll(async () => {
    client?.disconnect();
    await producer?.disconnect();
    await stack?.dispose();
  });

  it.each(Object.entries(EXPECTED) as [Service, readonly string[]][])(
    '%s serves the metrics the rules use, and promtool finds nothing to lint',
    async (service, names) => {
      const text = await scrape(service);
      expect([...names].filter((name) => !families(text).has(name))).toEqual([]);
      const lint = promtool(['check', 'metrics'], text);
      const findings = lint.output.split('\n').filter((line) => line.trim() !== '');
      expect(findings.filter((finding) => !PROM_CLIENT_FINDINGS.has(finding))).toEqual([]);
      // promtool exits 3 for lint findings only, 1 when it cannot parse the text at all.
      expect(lint.status === 0 || (lint.status === 3 && findings.length > 0)).toBe(true);
    },
  );

  it('counts the dead letter, the lag and the unresolved alerts at the capacity service', async () => {
    const prefix = stack.settings.kafkaTopicPrefix;
    await eventually(
      async () =>
        expect(await scrape('capacity-service')).toMatch(
          new RegExp(
            `^plass_kafka_dead_letters_total\\{group="${prefix}\\.[^"]+",topic="${prefix}\\.${TOPICS.institutionOccupancy}",kind="invalid"\\} 1$`,
            'm',
          ),
        ),
      { timeoutMs: 20_000 },
    );
    const text = await scrape('capacity-service');
    expect(text).toMatch(
      new RegExp(
        `^plass_kafka_consumer_lag_messages\\{group="${prefix}\\.[^"]+",topic="${prefix}\\.[^"]+",partition="\\d+"\\} \\d+$`,
        'm',
      ),
    );
    expect(text).toMatch(
      /^plass_alerts_unresolved\{code="OVER_CAPACITY",severity="critical",status="open"\} \d+$/m,
    );
    expect(text).toMatch(/^plass_readiness_check_ok\{check="[^"]+"\} 1$/m);
  });

  it('shows the proxied requests by route template, the sockets and the pushes at the gateway', async () => {
    const text = await scrape('gateway');
    expect(text).toMatch(
      /^plass_http_request_duration_seconds_count\{method="POST",route="\/api\/units\/:id\/admissions",status="201"\} 1$/m,
    );
    expect(text).not.toMatch(/route="[^"]*[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(text).toMatch(/^plass_live_sockets_connected 1$/m);
    expect(
      Number(/^plass_live_pushes_total\{event="capacity:changed"\} (\d+)$/m.exec(text)?.[1]),
    ).toBeGreaterThan(0);
  });

  it('shows the outbox that has drained at the institution service', async () => {
    await eventually(
      async () => expect(await scrape('institution-service')).toMatch(/^plass_outbox_backlog_messages 0$/m),
      {
        timeoutMs: 10_000,
      },
    );
    const text = await scrape('institution-service');
    expect(text).toMatch(/^plass_outbox_oldest_unpublished_age_seconds 0$/m);
    expect(Number(/^plass_outbox_published_total (\d+)$/m.exec(text)?.[1])).toBeGreaterThanOrEqual(2);
  });

  it('has alert rules promtool accepts and whose unit tests pass', () => {
    const check = promtool(['check', 'rules', 'plassoversikt.rules.yml']);
    expect(check.output).toMatch(/SUCCESS: \d+ rules found/);
    expect(check.status).toBe(0);
    const test = promtool(['test', 'rules', 'plassoversikt.rules.test.yml']);
    expect(test.output).toMatch(/SUCCESS/);
    expect(test.status).toBe(0);
    const config = promtool(['check', 'config', 'prometheus.yml']);
    expect(config.status).toBe(0);
  });
});
