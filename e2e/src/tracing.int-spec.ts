/**
 * One admission followed by its trace id (ADR 0153): the W3C `traceparent` a caller sends to the gateway
 * goes through the institution service's transaction into its outbox row, onto the Kafka message, through
 * the capacity service's projection into its own outbox and `capacity.changed` / `capacity.alerts`
 * messages, and to the browser as `traceId` in `capacity:changed` and `alert:raised`; the capacity
 * service's log lines of that work carry it as `trace_id`.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { signDevToken } from '@plass/auth';
import {
  alertPushSchema,
  capacityChangedPushSchema,
  CLOUDEVENTS_JSON,
  TOPICS,
  type AdmissionResultDto,
  type AlertPush,
  type CapacityChangedPush,
  type ClientToServerEvents,
  type InstitutionDto,
  type ServerToClientEvents,
  type SubscribeAck,
  type UnitDto,
} from '@plass/contracts';
import {
  ApiClient,
  eventually,
  expectStatus,
  institutionFactory,
  startKafkaProbe,
  startTestStack,
  unitFactory,
  type KafkaProbe,
  type TestStack,
} from '@plass/testing';
import { Client } from 'pg';
import { io, type Socket } from 'socket.io-client';

type LiveClient = Socket<ServerToClientEvents, ClientToServerEvents>;

interface Envelope {
  type: string;
  subject: string;
  data: { change?: { kind: string }; totals?: { occupied: number }; code?: string };
}

/** `00-<trace id>-<span id>-<flags>` → its parts. */
function partsOf(traceparent: string | undefined): { traceId: string; spanId: string } {
  const match = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/.exec(traceparent ?? '');
  if (!match) throw new Error(`not a sampled version-00 traceparent: ${traceparent}`);
  return { traceId: match[1], spanId: match[2] };
}

describe('one admission followed by its trace id, from the request to the socket', () => {
  let stack: TestStack;
  let staff: ApiClient;
  let unit: UnitDto;
  let client: LiveClient;
  let database: Client;
  const probes: Record<string, KafkaProbe<Envelope>> = {};
  const cityPushes: CapacityChangedPush[] = [];
  const alertPushes: AlertPush[] = [];

  const traceId = randomBytes(16).toString('hex');
  const callerSpanId = randomBytes(8).toString('hex');
  const traceparent = `00-${traceId}-${callerSpanId}-01`;
  let admission: AdmissionResultDto;

  beforeAll(async () => {
    stack = await startTestStack();
    for (const topic of [TOPICS.institutionOccupancy, TOPICS.capacityChanged, TOPICS.capacityAlerts]) {
      probes[topic] = await startKafkaProbe<Envelope>(stack.messaging, topic);
    }
    database = new Client({
      connectionString: `${stack.settings.databaseUrl}/${stack.settings.databasePrefix}_institution`,
    });
    await database.connect();
    const admin = new ApiClient(
      stack.gatewayUrl,
      await signDevToken({ roles: ['admin'], institutionIds: [], districtCode: null }),
    );
    const institution = expectStatus(
      await admin.post<InstitutionDto>('/api/institutions', institutionFactory().build()),
      201,
    );
    // One place: the admission fills the category city-wide, so it raises alerts as well.
    unit = expectStatus(
      await admin.post<UnitDto>(
        `/api/institutions/${institution.id}/units`,
        unitFactory().capacity(1).build(),
      ),
      201,
    );
    staff = new ApiClient(
      stack.gatewayUrl,
      await signDevToken({
        roles: ['institution-staff'],
        institutionIds: [institution.id],
        districtCode: null,
      }),
    );
    const districtToken = await signDevToken({
      roles: ['district-staff'],
      institutionIds: [],
      districtCode: '030103',
    });
    client = io(`${stack.gatewayUrl}/live`, { auth: { token: districtToken }, transports: ['websocket'] });
    client.on('capacity:changed', (change) => {
      if (change.key === 'city') cityPushes.push(change);
    });
    client.on('alert:raised', (alert) => alertPushes.push(alert));
    // Subscribed once the unit's registration reached the read model, so the admission is the next change.
    await eventually(
      async () => {
        const ack = await client.timeout(5000).emitWithAck('subscribe', { scope: 'city' });
        expect((ack as Extract<SubscribeAck, { ok: true }>).snapshot?.totals.capacity).toBe(1);
      },
      { timeoutMs: 20_000, intervalMs: 200 },
    );
    admission = expectStatus(
      await staff.post<AdmissionResultDto>(
        `/api/units/${unit.id}/admissions`,
        { referringDistrictCode: '030103' },
        { traceparent, tracestate: 'plass=e2e' },
      ),
      201,
    );
  }, 120_000);

  afterAll(async () => {
    client?.disconnect();
    for (const probe of Object.values(probes)) await probe.stop();
    await database?.end();
    await stack?.dispose();
  });

  /** The institution service's outbox row of the admission (published rows are kept a day). */
  async function admissionRow(): Promise<{ headers: Record<string, string> | null }> {
    const rows = await database.query<{ headers: Record<string, string> | null; value: string }>(
      'SELECT headers, value FROM outbox WHERE key = $1 ORDER BY id',
      [unit.id],
    );
    const row = rows.rows.find((r) => (JSON.parse(r.value) as Envelope).data.change?.kind === 'admission');
    if (!row) throw new Error('no outbox row of the admission');
    return row;
  }

  it("stores the request's trace in the outbox row, as a child of the service's span", async () => {
    expect(admission.unit.occupied).toBe(1);
    const { headers } = await admissionRow();
    const parent = partsOf(headers?.traceparent);
    expect(parent.traceId).toBe(traceId);
    // The gateway's and then the institution service's span stand between the caller and the row.
    expect(parent.spanId).not.toBe(callerSpanId);
    expect(headers?.tracestate).toBe('plass=e2e');
  });

  it('sends the trace headers with the Kafka message of the admission, beside the CloudEvents content-type', async () => {
    const { headers } = await admissionRow();
    await probes[TOPICS.institutionOccupancy].waitFor(
      (e) => e.subject === unit.id && e.data.change?.kind === 'admission',
      { timeoutMs: 15_000 },
    );
    const message = probes[TOPICS.institutionOccupancy].messages.find(
      (m) => m.value.subject === unit.id && m.value.data.change?.kind === 'admission',
    );
    expect(message?.headers['content-type']).toBe(CLOUDEVENTS_JSON);
    expect(message?.headers.traceparent).toBe(headers?.traceparent);
    expect(message?.headers.tracestate).toBe('plass=e2e');
  });

  it("carries the trace through the capacity service's transaction onto capacity.changed and the alerts", async () => {
    const { headers } = await admissionRow();
    const [change] = await probes[TOPICS.capacityChanged].waitFor(
      (e) => e.subject === `unit:${unit.id}` && e.data.totals?.occupied === 1,
      { timeoutMs: 15_000 },
    );
    const message = probes[TOPICS.capacityChanged].messages.find((m) => m.value === change);
    const continued = partsOf(message?.headers.traceparent);
    expect(continued.traceId).toBe(traceId);
    // The capacity service's consumer span is the parent, not the institution service's span.
    expect(continued.spanId).not.toBe(partsOf(headers?.traceparent).spanId);
    const [alert] = await probes[TOPICS.capacityAlerts].waitFor((e) => e.type.endsWith('alert.raised'), {
      timeoutMs: 15_000,
    });
    const alertMessage = probes[TOPICS.capacityAlerts].messages.find((m) => m.value === alert);
    expect(partsOf(alertMessage?.headers.traceparent)).toEqual(continued);
  });

  it('pushes capacity:changed and alert:raised to the socket with the trace id', async () => {
    await eventually(() => expect(cityPushes.some((c) => c.totals.occupied === 1)).toBe(true), {
      timeoutMs: 10_000,
      intervalMs: 20,
    });
    const pushed = cityPushes.find((c) => c.totals.occupied === 1);
    expect(pushed?.traceId).toBe(traceId);
    expect(capacityChangedPushSchema.safeParse(pushed).success).toBe(true);
    await eventually(() => expect(alertPushes.length).toBeGreaterThan(0), {
      timeoutMs: 10_000,
      intervalMs: 20,
    });
    for (const alert of alertPushes) {
      expect(alert.traceId).toBe(traceId);
      expect(alertPushSchema.safeParse(alert).success).toBe(true);
    }
  });

  it("writes the trace id into the capacity service's log lines of that work", async () => {
    const spec = stack.specs.find((s) => s.name === 'capacity-service');
    const logFile = path.join(
      process.cwd(),
      '.local',
      'logs',
      stack.runId,
      `capacity-service-${spec?.port}.log`,
    );
    await eventually(
      () => {
        const lines = readFileSync(logFile, 'utf8')
          .split('\n')
          .filter((line) => line.startsWith('{'))
          .map((line) => JSON.parse(line) as Record<string, unknown>);
        expect(lines).toContainEqual(
          expect.objectContaining({ msg: 'alert raised', trace_id: traceId, span_id: expect.any(String) }),
        );
      },
      { timeoutMs: 10_000, intervalMs: 100 },
    );
  });

  it('starts a new trace for a request without a traceparent, and pushes that one', async () => {
    expectStatus(
      await staff.post(`/api/units/${unit.id}/discharges`, { stayId: admission.stayId, reason: 'planned' }),
      200,
    );
    await eventually(() => expect(cityPushes.some((c) => c.totals.occupied === 0)).toBe(true), {
      timeoutMs: 10_000,
      intervalMs: 20,
    });
    const pushed = cityPushes.find((c) => c.totals.occupied === 0);
    expect(pushed?.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(pushed?.traceId).not.toBe(traceId);
  });
});
