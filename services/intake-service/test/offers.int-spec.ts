/**
 * Offers end to end (ADR 0161), with the intake and institution services as real processes against
 * PostgreSQL and Kafka, exchanging events only: intake's read model of the units and its matches, an offer
 * reserved at the institution under the offer's id, a refusal when the institution had no place after all,
 * answers, placement from the admission, expiry and withdrawal releasing the place, and every refused
 * request changing and publishing nothing.
 */
import { randomUUID } from 'node:crypto';
import { signDevToken, type DevTokenUser } from '@plass/auth';
import {
  admitResident,
  answerOffer,
  CLOUDEVENTS_JSON,
  CONTENT_TYPE_HEADER,
  closeUnit,
  contractClient,
  dischargeResident,
  ContractProblem,
  createReferral,
  getReferral,
  getReferralMatches,
  getUnit,
  listOpenReservations,
  makeOffer,
  parseReferralEvent,
  REFERRAL_OFFER_ANSWERED,
  REFERRAL_OFFER_EXPIRED,
  REFERRAL_OFFER_RESERVED,
  REFERRAL_OFFERED,
  REFERRAL_PLACED,
  REFERRAL_WITHDRAWN,
  registerInstitution,
  registerUnit,
  releaseReservation,
  reservationRefused,
  TOPICS,
  withdrawReferral,
  type ContractClient,
  type CreateReferralBody,
  type Referral,
  type ReferralEvent,
  type ReservationRefusedEvent,
} from '@plass/contracts';
import type { DistrictCode, ReferralNeed, ServiceCategoryCode } from '@plass/domain';
import { databaseUrl } from '@plass/persistence';
import {
  eventually,
  occupancyChangedEvent,
  startKafkaProbe,
  startTestStack,
  type KafkaProbe,
  type TestStack,
} from '@plass/testing';
import { Client } from 'pg';

const SAGENE: DistrictCode = '030103';
const GAMLE_OSLO: DistrictCode = '030101';
const DAY = 24 * 3600_000;
const SETTLE = { timeoutMs: 20_000 };

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

const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();
const dateIn = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

describe('offers between intake and the institution service', () => {
  let stack: TestStack;
  let probe: KafkaProbe<ReferralEvent>;
  let refusals: KafkaProbe<ReservationRefusedEvent>;
  let intakeDb: Client;
  let intake: ContractClient;
  let admin: ContractClient;
  let institutionAdmin: ContractClient;
  let sageneStaff: ContractClient;
  let gamleOsloStaff: ContractClient;
  let institutionId: string;
  let units = 0;

  const clientOf = async (
    user: DevTokenUser,
    service: 'intake-service' | 'institution-service' = 'intake-service',
  ) => {
    const token = await signDevToken(user);
    return contractClient({
      baseUrl: stack.urlOf(service),
      headers: () => ({ authorization: `Bearer ${token}` }),
    });
  };

  beforeAll(async () => {
    // Offers due are expired within a quarter of a second (the launcher passes the environment on).
    process.env.OFFER_EXPIRY_INTERVAL_MS = '250';
    stack = await startTestStack({ only: ['institution-service', 'intake-service'] });
    probe = await startKafkaProbe(stack.messaging, TOPICS.intakeReferrals, { parse: parseReferralEvent });
    refusals = await startKafkaProbe(stack.messaging, TOPICS.institutionReservations, {
      parse: (value) => reservationRefused.parse(value),
    });
    intakeDb = new Client({
      connectionString: databaseUrl(stack.settings.databaseUrl, `${stack.settings.databasePrefix}_intake`),
    });
    await intakeDb.connect();
    const nobody = { institutionIds: [], districtCode: null };
    intake = await clientOf({ roles: ['intake'], ...nobody });
    admin = await clientOf({ roles: ['admin'], ...nobody });
    institutionAdmin = await clientOf({ roles: ['admin'], ...nobody }, 'institution-service');
    sageneStaff = await clientOf({ roles: ['district-staff'], institutionIds: [], districtCode: SAGENE });
    gamleOsloStaff = await clientOf({
      roles: ['district-staff'],
      institutionIds: [],
      districtCode: GAMLE_OSLO,
    });
    const institution = await institutionAdmin.call(registerInstitution, {
      body: { name: 'Tøyen behandlingssenter', providerType: 'municipal', districtCode: GAMLE_OSLO },
    });
    institutionId = institution.id;
  }, 180_000);

  afterAll(async () => {
    delete process.env.OFFER_EXPIRY_INTERVAL_MS;
    await probe?.stop();
    await refusals?.stop();
    await intakeDb?.end();
    await stack?.dispose();
  });

  /** Registers a unit at the institution and waits until intake's read model has it with its free places. */
  async function unit(
    category: ServiceCategoryCode,
    capacity: number,
    features: ReferralNeed[] = [],
  ): Promise<string> {
    units += 1;
    const registered = await institutionAdmin.call(registerUnit, {
      params: { id: institutionId },
      body: { name: `Avdeling ${units}`, category, capacity, features },
    });
    await intakeSees(registered.id, capacity);
    return registered.id;
  }

  /** Waits until intake's read model holds the unit with `available` free places. */
  async function intakeSees(unitId: string, available: number): Promise<void> {
    await eventually(async () => {
      const { rows } = await intakeDb.query<{ available: number }>(
        'SELECT capacity - occupied - blocked - reserved AS available FROM unit_place WHERE unit_id = $1',
        [unitId],
      );
      expect(rows[0]?.available).toBe(available);
    }, SETTLE);
  }

  const admit = (unitId: string, extra: { reservationId?: string; plannedDischargeDate?: string } = {}) =>
    institutionAdmin.call(admitResident, {
      params: { unitId },
      body: { referringDistrictCode: SAGENE, ...extra },
    });

  const refer = (body: Partial<CreateReferralBody> = {}) =>
    intake.call(createReferral, {
      body: { districtCode: SAGENE, categories: ['coping'], urgency: 'planned', ...body },
    });
  const get = (id: string) => intake.call(getReferral, { params: { id } });
  const offer = (id: string, unitId: string, expiresAt = inDays(2), by: ContractClient = intake) =>
    by.call(makeOffer, { params: { id }, body: { unitId, expiresAt } });
  const answer = (
    referral: Referral,
    body: { accept: true } | { accept: false; reason: 'unsuitable' },
    by: ContractClient = sageneStaff,
  ) =>
    by.call(answerOffer, {
      params: { id: referral.id, offerId: referral.offer?.offerId ?? randomUUID() },
      body,
    });
  const openReservations = (unitId: string) =>
    institutionAdmin.call(listOpenReservations, { params: { unitId } });

  async function eventOf(id: string, sequence: number): Promise<ReferralEvent> {
    const [found] = await probe.waitFor((e) => e.subject === id && e.sequence === sequence, SETTLE);
    return found;
  }

  /** Offers a place and waits until the institution has reserved it: the referral as it is then. */
  async function reservedOffer(id: string, unitId: string, expiresAt?: string): Promise<Referral> {
    const offered = await offer(id, unitId, expiresAt);
    const offerId = offered.offer?.offerId;
    await eventually(async () => expect((await get(id)).offer?.reservationId).toBe(offerId), SETTLE);
    return get(id);
  }

  /**
   * Delivers the referral's `referral.offered` message again, exactly as intake published it (as ops may),
   * and waits until the institution's offer consumer has read past it.
   */
  async function redeliverOffer(referralId: string): Promise<void> {
    const [original] = probe.messages.filter(
      (m) => m.value.subject === referralId && m.value.type === REFERRAL_OFFERED,
    );
    await publishAsOps(TOPICS.intakeReferrals, referralId, [original.raw]);
    await caughtUp('institution-service.offers', TOPICS.intakeReferrals);
  }

  /** Publishes messages on a source topic as ops may (replays, injected faults). */
  async function publishAsOps(
    topic: (typeof TOPICS)[keyof typeof TOPICS],
    key: string,
    values: (Buffer | string | null)[],
  ): Promise<void> {
    const producer = stack.messagingAs('ops').kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    try {
      await producer.send({
        topic: stack.messaging.topic(topic),
        acks: -1,
        messages: values.map((value) => ({
          key,
          value,
          headers: { [CONTENT_TYPE_HEADER]: CLOUDEVENTS_JSON },
        })),
      });
    } finally {
      await producer.disconnect();
    }
  }

  /** Waits until a consumer group has read everything on the topic. */
  async function caughtUp(group: string, topic: string): Promise<void> {
    await eventually(async () => expect(await stack.messaging.consumerLag(group, topic)).toBe(0), SETTLE);
  }

  /** A referral's sequence and intake's outbox size: what a refused request must leave as they were. */
  async function footprint(id: string): Promise<{ sequence: number; outbox: number }> {
    const { rows } = await intakeDb.query<{ sequence: string; outbox: string }>(
      'SELECT (SELECT sequence FROM referral WHERE id = $1) AS sequence, (SELECT count(*) FROM outbox) AS outbox',
      [id],
    );
    return { sequence: Number(rows[0].sequence), outbox: Number(rows[0].outbox) };
  }

  describe('matches', () => {
    it('lists fitting units with a free place by preference, then full ones with a discharge within 14 days', async () => {
      // Categories no other test uses, so the matches are exactly these units.
      const second = await unit('reinforced-residential', 3, ['couple', 'wheelchair']);
      const firstSmall = await unit('care-drugfree', 1, ['couple']);
      const firstLarge = await unit('care-drugfree', 4, ['women-only', 'couple']);
      await unit('care-drugfree', 5); // does not offer `couple`
      const fullSoon = await unit('care-drugfree', 1, ['couple']);
      const fullLater = await unit('care-drugfree', 1, ['couple']);
      await admit(fullSoon, { plannedDischargeDate: dateIn(5) });
      await admit(fullLater, { plannedDischargeDate: dateIn(30) });
      await intakeSees(fullSoon, 0);
      await intakeSees(fullLater, 0);
      const referral = await refer({
        categories: ['care-drugfree', 'reinforced-residential'],
        needs: ['couple'],
      });

      const matches = await intake.call(getReferralMatches, { params: { id: referral.id } });
      expect(matches.now.map((m) => [m.unitId, m.preference, m.available])).toEqual([
        [firstLarge, 1, 4],
        [firstSmall, 1, 1],
        [second, 2, 3],
      ]);
      expect(matches.now[0]).toMatchObject({
        institutionId,
        institutionName: 'Tøyen behandlingssenter',
        category: 'care-drugfree',
        features: ['women-only', 'couple'],
        expectedFreeOn: null,
      });
      expect(matches.soon).toEqual([
        expect.objectContaining({ unitId: fullSoon, available: 0, expectedFreeOn: dateIn(5), preference: 1 }),
      ]);
    });

    it("keeps intake's read model by each unit's sequence: an old or repeated event changes nothing", async () => {
      const unitId = await unit('acute', 2);
      await admit(unitId);
      await intakeSees(unitId, 1);
      // The unit's first and second events again, with other numbers: neither is newer than what intake has.
      const stale = [1, 2].map((sequence) =>
        JSON.stringify(occupancyChangedEvent({ unitId, institutionId, sequence, occupied: 0 })),
      );
      await publishAsOps(TOPICS.institutionOccupancy, unitId, stale);
      await caughtUp('intake-service.units', TOPICS.institutionOccupancy);
      const { rows } = await intakeDb.query<{ sequence: string; capacity: number; occupied: number }>(
        'SELECT sequence, capacity, occupied FROM unit_place WHERE unit_id = $1',
        [unitId],
      );
      expect(rows).toEqual([{ sequence: '2', capacity: 2, occupied: 1 }]);
    });

    it('answers 403 NOT_INTAKE to everyone but intake, and 404 for an unknown referral', async () => {
      const referral = await refer();
      for (const by of [admin, sageneStaff]) {
        const problem = await refusal(by.call(getReferralMatches, { params: { id: referral.id } }));
        expect(problem.status).toBe(403);
        expect(problem.code).toBe('NOT_INTAKE');
      }
      const unknown = await refusal(intake.call(getReferralMatches, { params: { id: randomUUID() } }));
      expect(unknown.code).toBe('REFERRAL_NOT_FOUND');
    });
  });

  describe('an offer', () => {
    it('is reserved at the institution under the offer id, and placed by the admission into it', async () => {
      const unitId = await unit('coping', 2);
      const referral = await refer();
      const offered = await offer(referral.id, unitId);
      expect(offered).toMatchObject({
        status: 'offered',
        position: null,
        sequence: 2,
        offer: { unitId, category: 'coping', outcome: 'open', reservationId: null, decidedAt: null },
      });
      const offerId = offered.offer?.offerId ?? '';
      expect((await eventOf(referral.id, 2)).type).toBe(REFERRAL_OFFERED);

      await eventually(
        async () => expect((await get(referral.id)).offer?.reservationId).toBe(offerId),
        SETTLE,
      );
      expect((await eventOf(referral.id, 3)).type).toBe(REFERRAL_OFFER_RESERVED);
      const reservations = await openReservations(unitId);
      expect(reservations).toEqual([expect.objectContaining({ id: offerId, districtCode: SAGENE })]);
      expect(Date.parse(reservations[0].expiresAt)).toBeGreaterThanOrEqual(
        Date.parse(offered.offer?.expiresAt ?? ''),
      );

      const accepted = await answer(await get(referral.id), { accept: true });
      expect(accepted).toMatchObject({
        status: 'offered',
        offer: { outcome: 'accepted', reservationId: offerId },
      });
      expect((await eventOf(referral.id, 4)).type).toBe(REFERRAL_OFFER_ANSWERED);

      const admission = await admit(unitId, { reservationId: offerId });
      await eventually(async () => expect((await get(referral.id)).status).toBe('placed'), SETTLE);
      const placed = await get(referral.id);
      expect(placed).toMatchObject({ stayId: admission.stayId, offer: { outcome: 'accepted' }, sequence: 5 });
      expect(placed.placedAt).not.toBeNull();
      expect((await eventOf(referral.id, 5)).type).toBe(REFERRAL_PLACED);
      expect(await openReservations(unitId)).toEqual([]);
    });

    it('is refused when the institution has no place after all, and the referral waits at its position again', async () => {
      // The institution fills the unit while intake's read model still says free: the offer passes intake's
      // check and the institution refuses it. Should intake have seen the admission first, try a new unit.
      let offered: Referral | null = null;
      let unitId = '';
      let referral: Referral | null = null;
      let stayId = '';
      for (let attempt = 0; attempt < 3 && !offered; attempt += 1) {
        unitId = await unit('care-active', 1);
        referral = await refer({ categories: ['care-active'] });
        const id = referral.id;
        const [admission, made] = await Promise.all([
          admit(unitId),
          offer(id, unitId).catch((error: unknown) => {
            if (error instanceof ContractProblem && error.code === 'NO_FREE_PLACE') return null;
            throw error;
          }),
        ]);
        offered = made;
        stayId = admission.stayId;
      }
      if (!offered || !referral) throw new Error('intake saw the admission before every offer');
      const offerId = offered.offer?.offerId;
      const [refused] = await refusals.waitFor((e) => e.data.offerId === offerId, SETTLE);
      expect(refused.data).toEqual({ offerId, referralId: referral.id, unitId, reason: 'no-free-place' });
      await eventually(async () => expect((await get(referral.id)).status).toBe('waiting'), SETTLE);
      const after = await get(referral.id);
      expect(after.offer).toMatchObject({ offerId, outcome: 'refused', reservationId: null });
      expect(after.position).toBe(referral.position);
      expect((await eventOf(referral.id, 3)).type).toBe(REFERRAL_OFFER_EXPIRED);
      expect(await openReservations(unitId)).toEqual([]);
      expect(await institutionAdmin.call(getUnit, { params: { unitId } })).toMatchObject({
        occupied: 1,
        reserved: 0,
      });

      // The place is free again; the refused offer delivered again still reserves nothing.
      await institutionAdmin.call(dischargeResident, {
        params: { unitId },
        body: { stayId, reason: 'planned' },
      });
      await redeliverOffer(referral.id);
      expect(await openReservations(unitId)).toEqual([]);
    });

    it('is released at the institution when declined, and the referral waits at its position again', async () => {
      const unitId = await unit('coping', 1);
      const referral = await refer();
      const reserved = await reservedOffer(referral.id, unitId);
      const declined = await answer(reserved, { accept: false, reason: 'unsuitable' });
      expect(declined).toMatchObject({
        status: 'waiting',
        position: referral.position,
        offer: { outcome: 'declined', declineReason: 'unsuitable' },
      });
      expect((await eventOf(referral.id, 4)).type).toBe(REFERRAL_OFFER_ANSWERED);
      await eventually(async () => expect(await openReservations(unitId)).toEqual([]), SETTLE);
      await intakeSees(unitId, 1);
      // Answered once: a second answer is 409.
      const again = await refusal(answer(reserved, { accept: true }));
      expect(again.status).toBe(409);
      expect(again.code).toBe('OFFER_NOT_OPEN');
    });

    it('expires at expiresAt: released at the institution, the referral waiting, a late answer 409', async () => {
      const unitId = await unit('coping', 1);
      const referral = await refer();
      const reserved = await reservedOffer(referral.id, unitId, new Date(Date.now() + 3000).toISOString());
      await eventually(async () => expect((await get(referral.id)).status).toBe('waiting'), SETTLE);
      expect((await get(referral.id)).offer).toMatchObject({ outcome: 'expired' });
      expect((await eventOf(referral.id, 4)).type).toBe(REFERRAL_OFFER_EXPIRED);
      await eventually(async () => expect(await openReservations(unitId)).toEqual([]), SETTLE);
      const late = await refusal(answer(reserved, { accept: true }));
      expect(late.code).toBe('OFFER_NOT_OPEN');
    });

    it('reserves nothing again when the institution gets the offer a second time', async () => {
      const unitId = await unit('coping', 2);
      const referral = await refer();
      const reserved = await reservedOffer(referral.id, unitId);
      await answer(reserved, { accept: false, reason: 'unsuitable' });
      await eventually(async () => expect(await openReservations(unitId)).toEqual([]), SETTLE);
      await redeliverOffer(referral.id);
      expect(await openReservations(unitId)).toEqual([]);
      expect(await institutionAdmin.call(getUnit, { params: { unitId } })).toMatchObject({ reserved: 0 });
    });

    it('ends when the institution releases its reservation itself, or closes the unit', async () => {
      const unitId = await unit('coping', 2);
      const released = await reservedOffer((await refer()).id, unitId);
      const closing = await reservedOffer((await refer()).id, unitId);
      await institutionAdmin.call(releaseReservation, {
        params: { unitId, reservationId: released.offer?.offerId ?? '' },
      });
      await institutionAdmin.call(closeUnit, { params: { unitId } });
      for (const referral of [released, closing]) {
        await eventually(async () => expect((await get(referral.id)).status).toBe('waiting'), SETTLE);
        expect((await get(referral.id)).offer).toMatchObject({ outcome: 'expired' });
      }
      await converged(unitId, 0);
    });

    it('ends with the withdrawal of its referral, and the institution releases the place', async () => {
      const unitId = await unit('coping', 1);
      const referral = await refer();
      await reservedOffer(referral.id, unitId);
      const withdrawn = await intake.call(withdrawReferral, {
        params: { id: referral.id },
        body: { reason: 'placed-elsewhere' },
      });
      expect(withdrawn).toMatchObject({ status: 'withdrawn', offer: { outcome: 'withdrawn' } });
      expect((await eventOf(referral.id, 4)).type).toBe(REFERRAL_WITHDRAWN);
      await eventually(async () => expect(await openReservations(unitId)).toEqual([]), SETTLE);
      await intakeSees(unitId, 1);
    });
  });

  /**
   * The invariant of the exchange on one unit, after convergence: the open reservations at the institution
   * are exactly the live offers on the unit at intake, and each live offer knows its reservation.
   */
  async function converged(unitId: string, live: number): Promise<void> {
    await eventually(
      async () => {
        const { rows } = await intakeDb.query<{ offer_id: string; offer_reservation_id: string | null }>(
          "SELECT offer_id, offer_reservation_id FROM referral WHERE status = 'offered' AND offer_unit_id = $1",
          [unitId],
        );
        const reservations = (await openReservations(unitId)).map((r) => r.id).sort();
        expect(rows).toHaveLength(live);
        expect(reservations).toEqual(rows.map((r) => r.offer_id).sort());
        expect(rows.every((r) => r.offer_reservation_id === r.offer_id)).toBe(true);
      },
      { timeoutMs: 60_000 },
    );
  }

  describe('refused requests change and publish nothing', () => {
    it('refuses an offer on a full unit with 409 NO_FREE_PLACE', async () => {
      const unitId = await unit('coping', 1);
      await admit(unitId);
      await intakeSees(unitId, 0);
      const referral = await refer();
      const before = await footprint(referral.id);
      const problem = await refusal(offer(referral.id, unitId));
      expect(problem.status).toBe(409);
      expect(problem.code).toBe('NO_FREE_PLACE');
      expect(problem.problem?.type).toBe('urn:plassoversikt:problem:no-free-place');
      expect(await footprint(referral.id)).toEqual(before);
    });

    it('refuses bad offers: unknown or unfitting unit, bad expiry, not intake, personal data, wrong status', async () => {
      const unitId = await unit('coping', 2);
      const other = await unit('acute', 2);
      const womenOnly = await refer({ needs: ['women-only'] });
      const referral = await refer();
      const offered = await refer();
      await offer(offered.id, unitId);
      const withdrawn = await refer();
      await intake.call(withdrawReferral, { params: { id: withdrawn.id }, body: { reason: 'other' } });
      const cases: [string, () => Promise<unknown>, number, string | undefined, string][] = [
        ['unknown unit', () => offer(referral.id, randomUUID()), 404, 'UNIT_NOT_FOUND', referral.id],
        ['another category', () => offer(referral.id, other), 422, 'UNIT_DOES_NOT_FIT', referral.id],
        ['a need the unit lacks', () => offer(womenOnly.id, unitId), 422, 'UNIT_DOES_NOT_FIT', womenOnly.id],
        ['a past expiry', () => offer(referral.id, unitId, inDays(-1)), 422, 'INVALID_EXPIRY', referral.id],
        [
          'an expiry after 14 days',
          () => offer(referral.id, unitId, inDays(15)),
          422,
          'INVALID_EXPIRY',
          referral.id,
        ],
        [
          'district staff',
          () => offer(referral.id, unitId, inDays(1), sageneStaff),
          403,
          'NOT_INTAKE',
          referral.id,
        ],
        ['admin', () => offer(referral.id, unitId, inDays(1), admin), 403, 'NOT_INTAKE', referral.id],
        ['an offered referral', () => offer(offered.id, unitId), 409, 'REFERRAL_NOT_WAITING', offered.id],
        ['a withdrawn referral', () => offer(withdrawn.id, unitId), 409, 'REFERRAL_CLOSED', withdrawn.id],
        [
          'a name in the body',
          () =>
            intake.call(makeOffer, {
              params: { id: referral.id },
              body: { unitId, expiresAt: inDays(1), residentName: 'Kari Nordmann' } as never,
            }),
          400,
          undefined,
          referral.id,
        ],
      ];
      await eventually(
        async () => expect((await get(offered.id)).offer?.reservationId).not.toBeNull(),
        SETTLE,
      );
      for (const [name, call, status, code, id] of cases) {
        const before = await footprint(id);
        const problem = await refusal(call());
        expect([name, problem.status, problem.code]).toEqual([name, status, code]);
        expect(problem.problem?.detail ?? problem.problem?.errors).toBeTruthy();
        expect(await footprint(id)).toEqual(before);
      }
      expect(await openReservations(unitId)).toHaveLength(1);
    });

    it("refuses answers: another district's, another offer, free text, an expired or answered offer", async () => {
      const unitId = await unit('coping', 2);
      const referral = await reservedOffer((await refer()).id, unitId);
      const offerId = referral.offer?.offerId ?? '';
      const before = await footprint(referral.id);
      const cases: [string, () => Promise<unknown>, number, string | undefined][] = [
        [
          'another district',
          () => answer(referral, { accept: true }, gamleOsloStaff),
          403,
          'NOT_YOUR_DISTRICT',
        ],
        [
          'another offer id',
          () =>
            sageneStaff.call(answerOffer, {
              params: { id: referral.id, offerId: randomUUID() },
              body: { accept: true },
            }),
          404,
          'OFFER_NOT_FOUND',
        ],
        [
          'a free-text reason',
          () =>
            sageneStaff.call(answerOffer, {
              params: { id: referral.id, offerId },
              body: { accept: false, reason: 'Kari vil heller til Bergen' } as never,
            }),
          400,
          undefined,
        ],
        [
          'an unknown referral',
          () =>
            sageneStaff.call(answerOffer, { params: { id: randomUUID(), offerId }, body: { accept: true } }),
          404,
          'REFERRAL_NOT_FOUND',
        ],
      ];
      for (const [name, call, status, code] of cases) {
        const problem = await refusal(call());
        expect([name, problem.status, problem.code]).toEqual([name, status, code]);
      }
      expect(await footprint(referral.id)).toEqual(before);
      expect(await openReservations(unitId)).toEqual([expect.objectContaining({ id: offerId })]);
    });
  });

  describe('faults', () => {
    it.each(['intake-service', 'institution-service'] as const)(
      'converges when %s is killed between offers and their reservations',
      async (service) => {
        const unitId = await unit('resource-centre', 3);
        const referrals = await Promise.all([1, 2, 3].map(() => refer({ categories: ['resource-centre'] })));
        const offers = await Promise.all(referrals.map((r) => offer(r.id, unitId)));
        await stack.kill(service);
        // One of the offers is declined while the institution is away: its place must not stay held.
        if (service === 'institution-service') {
          await answer(offers[0], { accept: false, reason: 'unsuitable' });
        }
        await stack.startService(service);
        await converged(unitId, service === 'institution-service' ? 2 : 3);
        expect(await institutionAdmin.call(getUnit, { params: { unitId } })).toMatchObject({
          reserved: service === 'institution-service' ? 2 : 3,
        });
      },
      120_000,
    );
  });
});
