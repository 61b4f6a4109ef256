/**
 * Purchased places (enkeltkjøp) in the intake service as a real process against PostgreSQL and Kafka, and
 * behind a real gateway: recorded and ended, who records, sees and ends which district's purchases, the
 * validation, and the outbox rows becoming CloudEvents on intake.purchases.v1.
 */
import { randomUUID } from 'node:crypto';
import { signDevToken, type DevTokenUser } from '@plass/auth';
import {
  contractClient,
  ContractProblem,
  endPurchase,
  listPurchases,
  parsePurchaseEvent,
  PURCHASE_ENDED,
  PURCHASE_RECORDED,
  recordPurchase,
  TOPICS,
  type ContractClient,
  type PurchaseEvent,
  type RecordPurchaseBody,
} from '@plass/contracts';
import type { DistrictCode } from '@plass/domain';
import { databaseUrl } from '@plass/persistence';
import { startKafkaProbe, startTestStack, type KafkaProbe, type TestStack } from '@plass/testing';
import { Client } from 'pg';

const SAGENE: DistrictCode = '030103';
const GAMLE_OSLO: DistrictCode = '030101';
/** Used by one test only, so its list holds exactly what that test recorded. */
const ULLERN: DistrictCode = '030106';

const purchase = (over: Partial<RecordPurchaseBody> = {}): RecordPurchaseBody => ({
  districtCode: SAGENE,
  providerName: 'Privat Omsorg AS',
  category: 'care-active',
  from: '2026-11-01',
  pricePerDay: 4200,
  ...over,
});

/** The problem a call answered with; fails when it succeeded. */
async function refusal(call: Promise<unknown>): Promise<ContractProblem> {
  const outcome = await call.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`expected a problem, got ${JSON.stringify(outcome.value)}`);
  if (!(outcome.error instanceof ContractProblem)) throw outcome.error;
  return outcome.error;
}

describe('purchases', () => {
  let stack: TestStack;
  let probe: KafkaProbe<PurchaseEvent>;
  let db: Client;
  let intake: ContractClient;
  let admin: ContractClient;
  let sageneStaff: ContractClient;
  let gamleOsloStaff: ContractClient;
  let institutionStaff: ContractClient;
  let viaGateway: ContractClient;

  const clientOf = async (user: DevTokenUser, baseUrl = stack.urlOf('intake-service')) => {
    const token = await signDevToken(user);
    return contractClient({ baseUrl, headers: () => ({ authorization: `Bearer ${token}` }) });
  };

  beforeAll(async () => {
    stack = await startTestStack({ only: ['intake-service', 'gateway'] });
    probe = await startKafkaProbe(stack.messaging, TOPICS.intakePurchases, { parse: parsePurchaseEvent });
    db = new Client({
      connectionString: databaseUrl(stack.settings.databaseUrl, `${stack.settings.databasePrefix}_intake`),
    });
    await db.connect();
    const nobody = { institutionIds: [], districtCode: null };
    intake = await clientOf({ roles: ['intake'], ...nobody });
    admin = await clientOf({ roles: ['admin'], ...nobody });
    sageneStaff = await clientOf({ roles: ['district-staff'], institutionIds: [], districtCode: SAGENE });
    gamleOsloStaff = await clientOf({
      roles: ['district-staff'],
      institutionIds: [],
      districtCode: GAMLE_OSLO,
    });
    institutionStaff = await clientOf({
      roles: ['institution-staff'],
      institutionIds: [randomUUID()],
      districtCode: null,
    });
    viaGateway = await clientOf(
      { roles: ['district-staff'], institutionIds: [], districtCode: SAGENE },
      stack.gatewayUrl,
    );
  }, 180_000);

  afterAll(async () => {
    await probe?.stop();
    await db?.end();
    await stack?.dispose();
  });

  const record = (body: RecordPurchaseBody, by: ContractClient = sageneStaff) =>
    by.call(recordPurchase, { body });
  const end = (id: string, to: string, by: ContractClient = sageneStaff) =>
    by.call(endPurchase, { params: { id }, body: { to } });

  async function eventOf(id: string, sequence: number): Promise<PurchaseEvent> {
    const [found] = await probe.waitFor((e) => e.subject === id && e.sequence === sequence);
    return found;
  }

  async function counts(): Promise<{ purchases: number; outbox: number }> {
    const { rows } = await db.query<{ purchases: string; outbox: string }>(
      'SELECT (SELECT count(*) FROM purchase) AS purchases, (SELECT count(*) FROM outbox) AS outbox',
    );
    return { purchases: Number(rows[0].purchases), outbox: Number(rows[0].outbox) };
  }

  it('records a purchase with sequence 1 and announces it on intake.purchases.v1', async () => {
    const recorded = await record(purchase({ to: '2026-11-30' }));
    expect(recorded).toMatchObject({
      districtCode: SAGENE,
      providerName: 'Privat Omsorg AS',
      category: 'care-active',
      from: '2026-11-01',
      to: '2026-11-30',
      pricePerDay: 4200,
      sequence: 1,
    });
    const event = await eventOf(recorded.id, 1);
    expect(event.type).toBe(PURCHASE_RECORDED);
    expect(event.source).toBe('/intake-service');
    expect(event.data).toEqual(recorded);
  });

  it('ends an open purchase once, not before its first day, and announces the end', async () => {
    const open = await record(purchase({ from: '2026-10-15' }));
    expect(open.to).toBeNull();
    const early = await refusal(end(open.id, '2026-10-14'));
    expect(early.status).toBe(422);
    expect(early.code).toBe('INVALID_PURCHASE_END');

    const ended = await end(open.id, '2026-10-15');
    expect(ended).toMatchObject({ id: open.id, to: '2026-10-15', sequence: 2 });
    const event = await eventOf(open.id, 2);
    expect(event.type).toBe(PURCHASE_ENDED);
    expect(event.data.to).toBe('2026-10-15');

    const again = await refusal(end(open.id, '2026-12-01'));
    expect(again.status).toBe(409);
    expect(again.code).toBe('PURCHASE_ALREADY_ENDED');
    expect(await refusal(end(randomUUID(), '2026-12-01', intake))).toMatchObject({ status: 404 });
  });

  it.each([
    ['a price of 0', { pricePerDay: 0 }, /pricePerDay/],
    ['a price in øre', { pricePerDay: 4200.5 }, /whole kroner/],
    ['an unknown category', { category: 'villa' }, /category/],
    ['a last day before the first', { from: '2026-11-10', to: '2026-11-09' }, /must not be before/],
    ['a day that does not exist', { from: '2026-02-30' }, /from/],
    [
      'a national identity number in the name',
      { providerName: 'Omsorg 010190-12345 AS' },
      /national identity number/,
    ],
    ['an empty provider name', { providerName: '  ' }, /providerName/],
    ['a free-text note', { note: 'bor hos søster' }, /note/],
  ])('refuses %s with 400, recording nothing', async (_case, change, message) => {
    const before = await counts();
    const problem = await refusal(record({ ...purchase(), ...change } as never));
    expect(problem.status).toBe(400);
    expect(problem.problem?.errors?.join('; ')).toMatch(message);
    expect(await counts()).toEqual(before);
  });

  it("lets district staff record and end their own district's purchases only; intake and admin any", async () => {
    await record(purchase({ districtCode: GAMLE_OSLO }), intake);
    const byAdmin = await record(purchase({ districtCode: GAMLE_OSLO }), admin);
    const before = await counts();
    const foreign = await refusal(record(purchase({ districtCode: GAMLE_OSLO }), sageneStaff));
    expect(foreign.status).toBe(403);
    expect(foreign.code).toBe('NOT_YOUR_DISTRICT');
    expect((await refusal(record(purchase(), institutionStaff))).status).toBe(403);
    expect((await refusal(end(byAdmin.id, '2026-12-31', sageneStaff))).code).toBe('NOT_YOUR_DISTRICT');
    expect(await counts()).toEqual(before);
    expect(await end(byAdmin.id, '2026-12-31', gamleOsloStaff)).toMatchObject({ to: '2026-12-31' });
  });

  it("lists a district's purchases newest first to its staff, every district's to intake", async () => {
    const ullernStaff = await clientOf({
      roles: ['district-staff'],
      institutionIds: [],
      districtCode: ULLERN,
    });
    const first = await record(purchase({ districtCode: ULLERN }), ullernStaff);
    const second = await record(purchase({ districtCode: ULLERN, category: 'coping' }), ullernStaff);
    expect((await ullernStaff.call(listPurchases, { query: {} })).map((p) => p.id)).toEqual([
      second.id,
      first.id,
    ]);
    expect(
      (await ullernStaff.call(listPurchases, { query: { category: 'coping' } })).map((p) => p.id),
    ).toEqual([second.id]);
    expect((await refusal(ullernStaff.call(listPurchases, { query: { districtCode: SAGENE } }))).status).toBe(
      403,
    );
    const all = await intake.call(listPurchases, { query: {} });
    expect(all.map((p) => p.districtCode)).toEqual(expect.arrayContaining([ULLERN, SAGENE, GAMLE_OSLO]));
    expect((await refusal(institutionStaff.call(listPurchases, { query: {} }))).status).toBe(403);
  });

  it('answers a repeated Idempotency-Key with the first purchase, recording it once', async () => {
    const headers = { 'idempotency-key': `purchase-${randomUUID()}` };
    const body = purchase({ category: 'coping' });
    const first = await sageneStaff.call(recordPurchase, { body }, { headers });
    const before = await counts();
    expect(await sageneStaff.call(recordPurchase, { body }, { headers })).toEqual(first);
    const reused = await refusal(
      sageneStaff.call(recordPurchase, { body: { ...body, pricePerDay: 1 } }, { headers }),
    );
    expect(reused.status).toBe(422);
    expect(await counts()).toEqual(before);
  });

  it('is served through the gateway at /api/purchases', async () => {
    const recorded = await record(purchase({ category: 'acute', pricePerDay: 3100 }), viaGateway);
    expect((await viaGateway.call(listPurchases, { query: {} })).map((p) => p.id)).toContain(recorded.id);
    const document = (await (await fetch(`${stack.gatewayUrl}/api/intake/docs/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { operationId?: string }>>;
    };
    expect(document.paths['/api/purchases'].post.operationId).toBe('recordPurchase');
    expect(document.paths['/api/purchases/{id}/end'].put.operationId).toBe('endPurchase');
  });
});
