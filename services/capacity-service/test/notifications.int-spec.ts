/**
 * Notifications outside the browser against the real capacity service, Kafka, PostgreSQL, an SMTP server
 * process and HTTP receivers on loopback (ADR 0175): an alert raised reaches a webhook with a valid
 * signature within 10 s, a failing receiver gets retries with growing gaps and its webhook is then marked
 * failing, the delivery log shows the attempts, and an e-mail subscriber gets a Norwegian message.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signDevToken } from '@plass/auth';
import {
  createEvent,
  TOPICS,
  UNIT_OCCUPANCY_CHANGED,
  UNIT_OCCUPANCY_CHANGED_SCHEMA,
  type AlertData,
  type Webhook,
  type WebhookDelivery,
} from '@plass/contracts';
import type { DistrictCode } from '@plass/domain';
import { EventProducer } from '@plass/messaging';
import {
  ApiClient,
  eventually,
  expectStatus,
  startMailSink,
  startTestStack,
  type MailSink,
  type SunkMail,
  type TestStack,
} from '@plass/testing';
import { verifySignature } from '../src/notifications/notification-rules';

interface Received {
  at: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver on loopback answering every POST with `status`. */
async function receiver(status: number): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ at: Date.now(), headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'nei');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/plass-hook`, received };
}

function overCapacity(unitId: string, institutionId: string, districtCode: DistrictCode, stayId: string) {
  const events = [1, 2].map((sequence) =>
    createEvent({
      source: '/institution-service',
      type: UNIT_OCCUPANCY_CHANGED,
      subject: unitId,
      sequence,
      dataschema: UNIT_OCCUPANCY_CHANGED_SCHEMA,
      data: {
        unitId,
        unitName: 'Avdeling Varsel',
        institutionId,
        institutionName: 'Varselhjemmet',
        category: 'reinforced-care' as const,
        providerType: 'municipal' as const,
        districtCode,
        capacity: 2,
        occupied: sequence + 1,
        blocked: 0,
        reserved: 0,
        available: 2 - (sequence + 1),
        closed: false,
        change:
          sequence === 1
            ? { kind: 'registered' as const }
            : { kind: 'admission' as const, stayId, referringDistrictCode: '030101' as const },
      },
    }),
  );
  return events.map((e) => ({ topic: TOPICS.institutionOccupancy, key: unitId, value: JSON.stringify(e) }));
}

describe('notifications: webhooks and e-mail against the real stack', () => {
  const SECRET_OK = 'mottaker-en-hemmelig-nokkel';
  const SECRET_FAIL = 'mottaker-to-hemmelig-nokkel';
  const savedEnv = { ...process.env };
  let stack: TestStack;
  let producer: EventProducer;
  let sink: MailSink;
  let good: Awaited<ReturnType<typeof receiver>>;
  let bad: Awaited<ReturnType<typeof receiver>>;
  let intake: ApiClient;
  let sagene: ApiClient;
  let alna: ApiClient;

  beforeAll(async () => {
    good = await receiver(200);
    bad = await receiver(500);
    sink = await startMailSink({ file: `${process.cwd()}/.local/mail/notify-${randomUUID()}.jsonl` });
    process.env.SMTP_HOST = '127.0.0.1';
    process.env.SMTP_PORT = String(sink.port);
    process.env.SMTP_FROM = 'Plassoversikt <varsel@plass.test>';
    process.env.NOTIFY_POLL_MS = '100';
    process.env.NOTIFY_RETRY_BASE_MS = '400';
    process.env.NOTIFY_MAX_ATTEMPTS = '4';
    stack = await startTestStack({ only: ['capacity-service'] });
    producer = new EventProducer(stack.messaging);
    const base = new ApiClient(stack.urlOf('capacity-service'));
    intake = base.withToken(
      await signDevToken({ sub: 'intake-kari', roles: ['intake'], institutionIds: [], districtCode: null }),
    );
    sagene = base.withToken(
      await signDevToken({
        sub: 'sagene-ola',
        roles: ['district-staff'],
        institutionIds: [],
        districtCode: '030103',
      }),
    );
    alna = base.withToken(
      await signDevToken({
        sub: 'alna-per',
        roles: ['district-staff'],
        institutionIds: [],
        districtCode: '030112',
      }),
    );
  }, 120_000);

  afterAll(async () => {
    process.env = savedEnv;
    await producer?.disconnect();
    await stack?.dispose();
    await sink?.stop();
    good?.server.close();
    bad?.server.close();
  });

  it('refuses what a role may not do and URLs that are not http(s)', async () => {
    const otherDistrict = await sagene.post('/api/notifications/webhooks', {
      url: good.url,
      codes: ['HOUSING_SHORTAGE'],
      scope: { type: 'district', id: '030101' },
      secret: SECRET_OK,
    });
    expect(otherDistrict.status).toBe(403);
    expect(otherDistrict.body).toMatchObject({ code: 'NOTIFICATION_SCOPE_NOT_ALLOWED' });
    const ftp = await intake.post('/api/notifications/webhooks', {
      url: 'ftp://varsel.example.no/hook',
      codes: ['OVER_CAPACITY'],
      secret: SECRET_OK,
    });
    expect(ftp.status).toBe(400);
    expect(ftp.body).toMatchObject({
      code: 'INVALID_WEBHOOK_URL',
      detail: expect.stringMatching(/http or https/),
    });
    const shortSecret = await intake.post('/api/notifications/webhooks', {
      url: good.url,
      codes: ['OVER_CAPACITY'],
      secret: 'kort',
    });
    expect(shortSecret.status).toBe(400);
    const alnaForSagene = await alna.post('/api/notifications/email', {
      address: 'per@bydel-alna.oslo.kommune.no',
      codes: ['OVER_CAPACITY'],
      scope: { type: 'district', id: '030103' },
    });
    expect(alnaForSagene.status).toBe(403);
  });

  it('delivers a raised alert signed within 10 s, retries a failing receiver, marks it failing and logs it all', async () => {
    const unitId = randomUUID();
    const institutionId = randomUUID();
    const stayId = randomUUID();
    const scope = { type: 'unit', id: unitId };
    const { id: goodId } = expectStatus(
      await intake.post<{ id: string }>('/api/notifications/webhooks', {
        url: good.url,
        codes: ['OVER_CAPACITY'],
        scope,
        secret: SECRET_OK,
      }),
      201,
    );
    const { id: badId } = expectStatus(
      await intake.post<{ id: string }>('/api/notifications/webhooks', {
        url: bad.url,
        codes: ['OVER_CAPACITY'],
        scope,
        secret: SECRET_FAIL,
      }),
      201,
    );
    // A subscription to another code within the same scope gets nothing.
    expectStatus(
      await intake.post('/api/notifications/webhooks', {
        url: good.url,
        codes: ['HIGH_OCCUPANCY'],
        scope: { type: 'institution', id: randomUUID() },
        secret: SECRET_OK,
      }),
      201,
    );
    // E-mail: Sagene's staff for their district (the unit lies there); Alna's for theirs (it does not).
    expectStatus(
      await sagene.post('/api/notifications/email', {
        address: 'ola@bydel-sagene.oslo.kommune.no',
        codes: ['OVER_CAPACITY'],
      }),
      201,
    );
    expectStatus(
      await alna.post('/api/notifications/email', {
        address: 'per@bydel-alna.oslo.kommune.no',
        codes: ['OVER_CAPACITY'],
      }),
      201,
    );
    const listed = expectStatus(await intake.get<Webhook[]>('/api/notifications/webhooks'), 200);
    expect(listed.find((w) => w.id === goodId)).toMatchObject({
      url: good.url,
      status: 'ok',
      lastDelivery: null,
    });
    expect(JSON.stringify(listed)).not.toContain(SECRET_OK);

    const sent = Date.now();
    await producer.send(overCapacity(unitId, institutionId, '030103', stayId));

    // The good receiver: one signed POST for the unit's OVER_CAPACITY alert, within 10 s.
    await eventually(() => expect(good.received.length).toBeGreaterThanOrEqual(1), {
      timeoutMs: 10_000,
      intervalMs: 50,
    });
    const first = good.received[0];
    expect(first.at - sent).toBeLessThan(10_000);
    expect(first.headers['x-plass-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifySignature(first.body, SECRET_OK, first.headers['x-plass-signature'] as string)).toBe(true);
    expect(verifySignature(first.body, SECRET_FAIL, first.headers['x-plass-signature'] as string)).toBe(
      false,
    );
    expect(first.headers['x-plass-delivery']).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.headers['x-plass-event']).toBe('alert.raised');
    expect(first.headers['content-type']).toBe('application/json');
    const alert = JSON.parse(first.body) as AlertData;
    expect(alert).toMatchObject({ code: 'OVER_CAPACITY', scope: 'unit', scopeId: unitId, status: 'open' });
    // No resident data: not the stay, not the referring district of the admission.
    expect(first.body).not.toContain(stayId);
    expect(first.body).not.toContain('030101');

    // The failing receiver: 4 attempts of the same delivery.
    await eventually(() => expect(bad.received.length).toBeGreaterThanOrEqual(4), {
      timeoutMs: 20_000,
      intervalMs: 100,
    });
    const deliveryIds = new Set(bad.received.map((r) => r.headers['x-plass-delivery']));
    expect(deliveryIds.size).toBe(1);
    for (const r of bad.received) {
      expect(verifySignature(r.body, SECRET_FAIL, r.headers['x-plass-signature'] as string)).toBe(true);
    }
    // Each retry waits at least its backoff after the attempt before (it is due then, and a busy machine
    // may only make it later): the lower bounds grow 400 → 800 → 1600 ms.
    const gaps = bad.received.slice(1).map((r, i) => r.at - bad.received[i].at);
    expect(gaps[0]).toBeGreaterThanOrEqual(400 - 20);
    expect(gaps[1]).toBeGreaterThanOrEqual(800 - 20);
    expect(gaps[2]).toBeGreaterThanOrEqual(1600 - 20);

    await eventually(
      async () => {
        const hooks = expectStatus(await intake.get<Webhook[]>('/api/notifications/webhooks'), 200);
        expect(hooks.find((w) => w.id === badId)).toMatchObject({
          status: 'failing',
          consecutiveFailures: 4,
          lastDelivery: { ok: false, statusCode: 500 },
        });
        expect(hooks.find((w) => w.id === goodId)).toMatchObject({
          status: 'ok',
          lastDelivery: { ok: true, statusCode: 200 },
        });
      },
      { timeoutMs: 10_000, intervalMs: 100 },
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(bad.received).toHaveLength(4); // given up: no fifth attempt

    const log = expectStatus(
      await intake.get<WebhookDelivery[]>(`/api/notifications/webhooks/${badId}/deliveries`),
      200,
    );
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      id: bad.received[0].headers['x-plass-delivery'],
      alertId: alert.id,
      code: 'OVER_CAPACITY',
      transition: 'raised',
      status: 'failed',
      nextAttemptAt: null,
    });
    expect(log[0].attempts.map((a) => a.statusCode)).toEqual([500, 500, 500, 500]);
    const goodLog = expectStatus(
      await intake.get<WebhookDelivery[]>(`/api/notifications/webhooks/${goodId}/deliveries`),
      200,
    );
    expect(goodLog).toMatchObject([{ status: 'delivered', attempts: [{ statusCode: 200, error: null }] }]);

    // E-mail to Sagene's subscriber, in Norwegian, with the code and scope: the unit's alert and its
    // institution's (both lie in Sagene); none to Alna's.
    const toOla = () => sink.messages().filter((m) => m.to.includes('ola@bydel-sagene.oslo.kommune.no'));
    await eventually(() => expect(toOla()).toHaveLength(2), { timeoutMs: 10_000, intervalMs: 100 });
    expect(
      toOla()
        .map((m) => m.subject)
        .sort(),
    ).toEqual([
      '[Plassoversikt] Nytt varsel: Overbelegg (OVER_CAPACITY) – Enhet Varselhjemmet: Avdeling Varsel',
      '[Plassoversikt] Nytt varsel: Overbelegg (OVER_CAPACITY) – Institusjon Varselhjemmet',
    ]);
    const mail = toOla().find((m) => m.subject.includes('Enhet')) as SunkMail;
    expect(mail.from).toBe('varsel@plass.test');
    expect(mail.subject).toBe(
      '[Plassoversikt] Nytt varsel: Overbelegg (OVER_CAPACITY) – Enhet Varselhjemmet: Avdeling Varsel',
    );
    expect(mail.text).toContain('Varsel: Overbelegg (OVER_CAPACITY)');
    expect(mail.text).toContain('Gjelder: Enhet Varselhjemmet: Avdeling Varsel');
    expect(mail.text).toMatch(/Tidspunkt: \d{2}\.\d{2}\.\d{4} kl\. \d{2}:\d{2}/);
    expect(mail.text).toContain('Belagt: 3');
    expect(mail.text).not.toContain(stayId);
    expect(mail.text).not.toContain('030101');
    expect(sink.messages().some((m) => m.to.includes('per@bydel-alna.oslo.kommune.no'))).toBe(false);

    // Sagene's staff see only their district's webhooks and may not delete intake's; intake may.
    expect(expectStatus(await sagene.get<Webhook[]>('/api/notifications/webhooks'), 200)).toEqual([]);
    expect((await sagene.delete(`/api/notifications/webhooks/${badId}`)).status).toBe(403);
    expect((await intake.delete(`/api/notifications/webhooks/${badId}`)).status).toBe(204);
    expect((await intake.get(`/api/notifications/webhooks/${badId}/deliveries`)).status).toBe(404);
  });
});
