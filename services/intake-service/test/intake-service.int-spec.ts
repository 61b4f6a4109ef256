/**
 * The intake service as a real process against PostgreSQL and Kafka, and behind a real gateway: referrals
 * registered and withdrawn, the waiting list's order and positions, who sees and changes which district's
 * referrals, the outbox rows becoming CloudEvents on intake.referrals.v1, and that a refused request
 * leaves no row and no message.
 */
import { randomUUID } from 'node:crypto';
import { signDevToken, type DevTokenUser } from '@plass/auth';
import {
  CLOUDEVENTS_JSON,
  contractClient,
  ContractProblem,
  createReferral,
  getReferral,
  listReferrals,
  parseReferralEvent,
  REFERRAL_CREATED,
  REFERRAL_WITHDRAWN,
  TOPICS,
  withdrawReferral,
  type ContractClient,
  type CreateReferralBody,
  type ReferralEvent,
} from '@plass/contracts';
import type { DistrictCode } from '@plass/domain';
import { databaseUrl } from '@plass/persistence';
import {
  ApiClient,
  eventually,
  expectStatus,
  startKafkaProbe,
  startTestStack,
  type KafkaProbe,
  type TestStack,
} from '@plass/testing';
import { Client } from 'pg';

const SAGENE: DistrictCode = '030103';
const GAMLE_OSLO: DistrictCode = '030101';
/** Districts each used by one test only, so its list holds exactly what the test registered. */
const GRORUD: DistrictCode = '030110';
const STOVNER: DistrictCode = '030111';
const ALNA: DistrictCode = '030112';

/** A referral body: `referral().district(GRORUD).urgency('acute').build()`. */
function referral(): {
  district(code: DistrictCode): ReturnType<typeof referral>;
  urgency(urgency: CreateReferralBody['urgency']): ReturnType<typeof referral>;
  categories(...categories: CreateReferralBody['categories']): ReturnType<typeof referral>;
  build(): CreateReferralBody;
} {
  const body: CreateReferralBody = {
    districtCode: SAGENE,
    categories: ['assessment-active'],
    urgency: 'planned',
  };
  const builder = {
    district(code: DistrictCode) {
      body.districtCode = code;
      return builder;
    },
    urgency(urgency: CreateReferralBody['urgency']) {
      body.urgency = urgency;
      return builder;
    },
    categories(...categories: CreateReferralBody['categories']) {
      body.categories = categories;
      return builder;
    },
    build: (): CreateReferralBody => ({ ...body }),
  };
  return builder;
}

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

describe('intake service', () => {
  let stack: TestStack;
  let probe: KafkaProbe<ReferralEvent>;
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
    probe = await startKafkaProbe(stack.messaging, TOPICS.intakeReferrals, { parse: parseReferralEvent });
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
    viaGateway = await clientOf({ roles: ['intake'], ...nobody }, stack.gatewayUrl);
  }, 180_000);

  afterAll(async () => {
    await probe?.stop();
    await db?.end();
    await stack?.dispose();
  });

  const create = (body: CreateReferralBody, by: ContractClient = intake) => by.call(createReferral, { body });
  const get = (id: string, by: ContractClient = intake) => by.call(getReferral, { params: { id } });
  const withdraw = (
    id: string,
    by: ContractClient = intake,
    reason: 'no-longer-needed' = 'no-longer-needed',
  ) => by.call(withdrawReferral, { params: { id }, body: { reason } });

  async function eventOf(id: string, sequence: number): Promise<ReferralEvent> {
    const [found] = await probe.waitFor((e) => e.subject === id && e.sequence === sequence);
    return found;
  }

  async function counts(): Promise<{ referrals: number; outbox: number }> {
    const { rows } = await db.query<{ referrals: string; outbox: string }>(
      'SELECT (SELECT count(*) FROM referral) AS referrals, (SELECT count(*) FROM outbox) AS outbox',
    );
    return { referrals: Number(rows[0].referrals), outbox: Number(rows[0].outbox) };
  }

  describe('registering referrals', () => {
    it('puts a referral on the waiting list with sequence 1 and its position, and announces it', async () => {
      const created = await create({
        districtCode: SAGENE,
        categories: ['assessment-drugfree', 'resource-centre'],
        urgency: 'urgent',
        needs: ['women-only', 'co-occurring'],
        earliestDate: '2027-01-04',
      });
      expect(created).toMatchObject({
        districtCode: SAGENE,
        categories: ['assessment-drugfree', 'resource-centre'],
        urgency: 'urgent',
        needs: ['women-only', 'co-occurring'],
        earliestDate: '2027-01-04',
        status: 'waiting',
        withdrawalReason: null,
        sequence: 1,
      });
      expect(created.position).toBeGreaterThanOrEqual(1);
      expect(await get(created.id, sageneStaff)).toEqual(created);

      const event = await eventOf(created.id, 1);
      expect(event.type).toBe(REFERRAL_CREATED);
      expect(event.source).toBe('/intake-service');
      // The event carries the referral's state: everything the API answered but its position.
      expect({ ...event.data, position: created.position }).toEqual(created);
      expect(event.data).not.toHaveProperty('position');
    });

    it('takes a referral without needs or earliest date as needing nothing more, as soon as possible', async () => {
      const created = await create(referral().build());
      expect(created).toMatchObject({ needs: [], earliestDate: null });
    });

    it.each([
      ['an unknown category', { categories: ['villa'] }, /categories\.0: Invalid option/],
      ['an unknown need', { needs: ['pets'] }, /needs\.0: Invalid option/],
      ['a category named twice', { categories: ['coping', 'coping'] }, /must not name a category twice/],
      [
        'four categories',
        { categories: ['acute', 'coping', 'care-active', 'care-drugfree'] },
        /categories: Too big/,
      ],
      ['no category', { categories: [] }, /categories: Too small/],
      ['an urgency outside the list', { urgency: 'soon' }, /urgency: Invalid option/],
      ['a day that does not exist', { earliestDate: '2027-02-29' }, /earliestDate/],
      ['a name', { residentName: 'Kari Nordmann' }, /residentName/],
      ['a free-text note', { note: 'bor hos søster' }, /note/],
    ])('refuses %s with 400, registering nothing', async (_case, change, message) => {
      const before = await counts();
      const problem = await refusal(create({ ...referral().build(), ...change } as never));
      expect(problem.status).toBe(400);
      expect(problem.problem?.errors?.join('; ')).toMatch(message);
      expect(await counts()).toEqual(before);
    });

    it("lets district staff refer for their own district and no other's, intake for any", async () => {
      await create(referral().district(SAGENE).build(), sageneStaff);
      await create(referral().district('utenbys').build(), intake);
      const before = await counts();
      const problem = await refusal(create(referral().district(GAMLE_OSLO).build(), sageneStaff));
      expect(problem.status).toBe(403);
      expect(problem.code).toBe('NOT_YOUR_DISTRICT');
      expect(problem.problem?.detail).toMatch(/Gamle Oslo/);
      for (const by of [admin, institutionStaff]) {
        expect((await refusal(create(referral().build(), by))).status).toBe(403);
      }
      expect(await counts()).toEqual(before);
    });

    it('answers a repeated Idempotency-Key with the first referral, and the key with another body with 422', async () => {
      const headers = { 'idempotency-key': `refer-${randomUUID()}` };
      const body = referral().district(SAGENE).urgency('acute').build();
      const first = await intake.call(createReferral, { body }, { headers });
      const before = await counts();
      expect(await intake.call(createReferral, { body }, { headers })).toEqual(first);
      const reused = await refusal(
        intake.call(createReferral, { body: { ...body, urgency: 'planned' } }, { headers }),
      );
      expect(reused.status).toBe(422);
      expect(reused.code).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(await counts()).toEqual(before);
    });
  });

  describe('the waiting list', () => {
    it('lists by urgency, then waiting time, each with its city-wide position', async () => {
      const planned = await create(referral().district(GRORUD).urgency('planned').build());
      const urgentFirst = await create(referral().district(GRORUD).urgency('urgent').build());
      const acute = await create(referral().district(GRORUD).urgency('acute').build());
      const urgentSecond = await create(referral().district(GRORUD).urgency('urgent').build());

      const list = await intake.call(listReferrals, { query: { districtCode: GRORUD } });
      expect(list.map((r) => r.id)).toEqual([acute.id, urgentFirst.id, urgentSecond.id, planned.id]);
      const positions = list.map((r) => r.position ?? 0);
      expect(positions.every((p, i) => i === 0 || p > positions[i - 1])).toBe(true);

      // Positions are among every waiting referral of the city: the whole list numbers them 1, 2, 3, …
      const city = await intake.call(listReferrals, { query: {} });
      expect(city.map((r) => r.position)).toEqual(city.map((_, i) => i + 1));
      expect(city.find((r) => r.id === acute.id)?.position).toBe(list[0].position);
      expect(city.every((r) => r.status === 'waiting')).toBe(true);
    });

    it('filters by a category the referral names among its preferences, and takes empty filters as none', async () => {
      const second = await create(
        referral().district(STOVNER).categories('care-active', 'reinforced-care').build(),
      );
      const other = await create(referral().district(STOVNER).categories('coping').build());
      const byCategory = await intake.call(listReferrals, {
        query: { districtCode: STOVNER, category: 'reinforced-care' },
      });
      expect(byCategory.map((r) => r.id)).toEqual([second.id]);
      const empty = await intake.call(listReferrals, {
        query: { districtCode: STOVNER, category: '', status: '' },
      });
      expect(empty.map((r) => r.id).sort()).toEqual([second.id, other.id].sort());
    });

    it.each([
      [{ status: 'closed' }, /status/],
      [{ category: 'villa' }, /category/],
      [{ districtCode: '0301' }, /districtCode/],
      [{ name: 'Kari' }, /name/],
    ])('refuses the filter %o with 400', async (query, message) => {
      const problem = await refusal(intake.call(listReferrals, { query: query as never }));
      expect(problem.status).toBe(400);
      expect(problem.problem?.errors?.join('; ')).toMatch(message);
    });

    it("shows district staff their own district's referrals only, and refuses institution staff", async () => {
      const own = await create(referral().district(SAGENE).build(), sageneStaff);
      const theirs = await create(referral().district(GAMLE_OSLO).build(), gamleOsloStaff);

      const sageneList = await sageneStaff.call(listReferrals, { query: {} });
      expect(sageneList.map((r) => r.id)).toContain(own.id);
      expect(sageneList.every((r) => r.districtCode === SAGENE)).toBe(true);
      const refused = await refusal(sageneStaff.call(listReferrals, { query: { districtCode: GAMLE_OSLO } }));
      expect(refused.status).toBe(403);
      expect(refused.code).toBe('NOT_YOUR_DISTRICT');
      const notYours = await refusal(get(theirs.id, sageneStaff));
      expect(notYours.status).toBe(403);
      expect(notYours.code).toBe('NOT_YOUR_DISTRICT');

      for (const reader of [intake, admin]) {
        const all = await reader.call(listReferrals, { query: {} });
        expect(all.map((r) => r.id)).toEqual(expect.arrayContaining([own.id, theirs.id]));
      }
      expect((await refusal(institutionStaff.call(listReferrals, { query: {} }))).status).toBe(403);
    });

    it('answers 404 for an unknown referral and 400 for an id that is no uuid', async () => {
      const missing = await refusal(get(randomUUID()));
      expect(missing.status).toBe(404);
      expect(missing.code).toBe('REFERRAL_NOT_FOUND');
      const raw = new ApiClient(
        stack.urlOf('intake-service'),
        await signDevToken({ roles: ['intake'], institutionIds: [], districtCode: null }),
      );
      expect((await raw.get('/api/intake/referrals/not-an-id')).status).toBe(400);
      expect((await new ApiClient(stack.urlOf('intake-service')).get('/api/intake/referrals')).status).toBe(
        401,
      );
    });
  });

  describe('withdrawing', () => {
    it('withdraws a waiting referral with its reason, moves the ones behind it up and announces it', async () => {
      const first = await create(referral().district(ALNA).urgency('urgent').build());
      const behind = await create(referral().district(ALNA).urgency('urgent').build());
      const before = await get(behind.id);

      const withdrawn = await sageneStaff
        .call(withdrawReferral, { params: { id: first.id }, body: { reason: 'placed-elsewhere' } })
        .catch((error: unknown) => error);
      expect((withdrawn as ContractProblem).code).toBe('NOT_YOUR_DISTRICT');
      expect(await get(first.id)).toMatchObject({ status: 'waiting', sequence: 1 });

      const done = await intake.call(withdrawReferral, {
        params: { id: first.id },
        body: { reason: 'placed-elsewhere' },
      });
      expect(done).toMatchObject({
        id: first.id,
        status: 'withdrawn',
        withdrawalReason: 'placed-elsewhere',
        position: null,
        sequence: 2,
      });
      expect((await get(behind.id)).position).toBe((before.position ?? 0) - 1);
      expect((await intake.call(listReferrals, { query: { districtCode: ALNA } })).map((r) => r.id)).toEqual([
        behind.id,
      ]);
      expect(
        (await intake.call(listReferrals, { query: { districtCode: ALNA, status: 'withdrawn' } })).map(
          (r) => r.id,
        ),
      ).toEqual([first.id]);

      const event = await eventOf(first.id, 2);
      expect(event.type).toBe(REFERRAL_WITHDRAWN);
      expect({ ...event.data, position: null }).toEqual(done);
    });

    it('lets the referring district withdraw its own referral', async () => {
      const own = await create(referral().district(SAGENE).build(), sageneStaff);
      expect(await withdraw(own.id, sageneStaff)).toMatchObject({ status: 'withdrawn', sequence: 2 });
    });

    it('refuses to withdraw a withdrawn or placed referral with 409 REFERRAL_CLOSED, changing nothing', async () => {
      const once = await create(referral().build());
      const withdrawnOnce = await withdraw(once.id);
      // offers.int-spec.ts places referrals through the institution's admission; this spec runs no institution
      // service, so the placed referral is written directly, with the accepted offer a placement has.
      const placed = await create(referral().build());
      const offerId = randomUUID();
      await db.query(
        `UPDATE referral SET status = 'placed', sequence = sequence + 1, updated_at = now(), offer_id = $2,
           offer_unit_id = $3, offer_category = categories[1], offered_at = now(),
           offer_expires_at = now() + interval '1 day', offer_reservation_id = $2, offer_outcome = 'accepted',
           offer_decided_at = now(), stay_id = $4, placed_at = now()
         WHERE id = $1`,
        [placed.id, offerId, randomUUID(), randomUUID()],
      );
      const before = await counts();
      for (const [id, status] of [
        [once.id, 'withdrawn'],
        [placed.id, 'placed'],
      ] as const) {
        const problem = await refusal(withdraw(id));
        expect(problem.status).toBe(409);
        expect(problem.code).toBe('REFERRAL_CLOSED');
        expect(problem.problem).toMatchObject({
          status: 409,
          type: 'urn:plassoversikt:problem:referral-closed',
        });
        expect(problem.problem?.detail).toMatch(status === 'placed' ? /was placed/ : /already withdrawn/);
      }
      expect(await get(once.id)).toEqual(withdrawnOnce);
      expect(await counts()).toEqual(before);
    });

    it('refuses a reason outside the fixed list, and an unknown referral', async () => {
      const waiting = await create(referral().build());
      const problem = await refusal(
        intake.call(withdrawReferral, {
          params: { id: waiting.id },
          body: { reason: 'moved to Bergen' } as never,
        }),
      );
      expect(problem.status).toBe(400);
      expect((await refusal(withdraw(randomUUID()))).code).toBe('REFERRAL_NOT_FOUND');
      expect(await get(waiting.id)).toMatchObject({ status: 'waiting', sequence: 1 });
    });
  });

  describe('events, gateway and operations', () => {
    it('publishes every outbox row as one CloudEvent keyed by the referral, with the content-type header', async () => {
      await eventually(
        async () => {
          const { rows } = await db.query<{ pending: string; total: string }>(
            'SELECT count(*) FILTER (WHERE published_at IS NULL) AS pending, count(*) AS total FROM outbox',
          );
          expect(Number(rows[0].pending)).toBe(0);
          // Every row became exactly one message, and no refused request sent one.
          expect(probe.messages).toHaveLength(Number(rows[0].total));
        },
        { timeoutMs: 15_000 },
      );
      // The referral the test placed by its own UPDATE has no event for that; every other one has all of its.
      const { rows } = await db.query<{ id: string; sequence: string }>(
        "SELECT id, sequence FROM referral WHERE status <> 'placed'",
      );
      for (const message of probe.messages) {
        expect(message.key).toBe(message.value.subject);
        expect(message.headers['content-type']).toBe(CLOUDEVENTS_JSON);
      }
      for (const row of rows) {
        const sequences = probe
          .values()
          .filter((e) => e.subject === row.id)
          .map((e) => e.sequence);
        expect(sequences).toEqual(Array.from({ length: Number(row.sequence) }, (_, i) => i + 1));
      }
    });

    it('serves /api/intake/* through the gateway, with its OpenAPI document', async () => {
      const created = await viaGateway.call(createReferral, { body: referral().district(SAGENE).build() });
      expect(await viaGateway.call(getReferral, { params: { id: created.id } })).toEqual(created);
      const gateway = new ApiClient(stack.gatewayUrl);
      const document = expectStatus(
        await gateway.get<{ paths: Record<string, Record<string, { operationId?: string }>> }>(
          '/api/intake/docs/openapi.json',
        ),
        200,
      );
      expect(document.paths['/api/intake/referrals'].post.operationId).toBe('createReferral');
      expect(document.paths['/api/intake/referrals/{id}/withdraw'].post.operationId).toBe('withdrawReferral');
    });

    it('reports readiness and metrics like every service', async () => {
      const service = new ApiClient(stack.urlOf('intake-service'));
      expect((await service.get('/health/ready')).status).toBe(200);
      const metrics = await service.get<string>('/metrics');
      expect(metrics.body).toMatch(/^plass_outbox_published_total(\{[^}]*\})? [1-9]/m);
      expect(metrics.body).toMatch(
        /plass_http_request_duration_seconds_bucket\{[^}]*route="\/api\/intake\/referrals"/,
      );
    });
  });
});
