/**
 * The financing report against real Kafka and PostgreSQL: unit events on institution.occupancy.v1 and
 * purchase events on intake.purchases.v1 (sent as `ops`, as the institution and intake services would) →
 * the report by category and by district, as JSON and CSV, and who may read it.
 */
import { randomUUID } from 'node:crypto';
import { signDevToken } from '@plass/auth';
import {
  ContractProblem,
  createEvent,
  getFinancingReport,
  PURCHASE_ENDED,
  PURCHASE_RECORDED,
  PURCHASE_SCHEMA,
  TOPICS,
  UNIT_OCCUPANCY_CHANGED,
  UNIT_OCCUPANCY_CHANGED_SCHEMA,
  type ContractClient,
  type PurchaseState,
} from '@plass/contracts';
import type { DistrictCode, ProviderType } from '@plass/domain';
import { EventProducer } from '@plass/messaging';
import { ApiClient, eventually, startTestStack, type TestStack } from '@plass/testing';
import { capacityClient } from '../../test/contract-client';
import { CONSUMER_GROUP } from '../projection/occupancy-projection.service';
import { PURCHASES_CONSUMER_GROUP } from './purchase-projection.service';

const GAMLE_OSLO: DistrictCode = '030101';
const SAGENE: DistrictCode = '030103';
/** Midnight in Oslo (summer time) of 1 and 4 September 2026. */
const SEP_1 = '2026-08-31T22:00:00.000Z';
const SEP_4 = '2026-09-03T22:00:00.000Z';

/** A unit's events: registered empty, then admissions, each with the unit's resulting counts. */
class UnitLife {
  readonly id = randomUUID();
  private sequence = 0;
  private occupied = 0;

  constructor(
    private readonly providerType: ProviderType,
    private readonly capacity: number,
  ) {}

  private message(time: string, change: object) {
    this.sequence += 1;
    const event = createEvent({
      source: '/institution-service',
      type: UNIT_OCCUPANCY_CHANGED,
      subject: this.id,
      sequence: this.sequence,
      time: new Date(time),
      dataschema: UNIT_OCCUPANCY_CHANGED_SCHEMA,
      data: {
        unitId: this.id,
        unitName: `Mestring ${this.providerType}`,
        institutionId: this.id,
        institutionName: `Mestringshuset ${this.providerType}`,
        category: 'coping' as const,
        providerType: this.providerType,
        districtCode: SAGENE,
        capacity: this.capacity,
        occupied: this.occupied,
        blocked: 0,
        reserved: 0,
        available: this.capacity - this.occupied,
        closed: false,
        change,
      },
    });
    return { topic: TOPICS.institutionOccupancy, key: this.id, value: JSON.stringify(event) };
  }

  registered(time: string) {
    return this.message(time, { kind: 'registered' });
  }

  admitted(time: string, referringDistrictCode: DistrictCode) {
    this.occupied += 1;
    return this.message(time, { kind: 'admission', stayId: randomUUID(), referringDistrictCode });
  }
}

function purchaseMessage(state: PurchaseState, type: string) {
  const event = createEvent({
    source: '/intake-service',
    type,
    subject: state.id,
    sequence: state.sequence,
    time: new Date(state.updatedAt),
    dataschema: PURCHASE_SCHEMA,
    data: state,
  });
  return { topic: TOPICS.intakePurchases, key: state.id, value: JSON.stringify(event) };
}

const purchase = (over: Partial<PurchaseState>): PurchaseState => ({
  id: randomUUID(),
  districtCode: SAGENE,
  providerName: 'Privat Mestring AS',
  category: 'coping',
  from: '2026-09-02',
  to: null,
  pricePerDay: 3000,
  createdAt: '2026-09-01T08:00:00.000Z',
  updatedAt: '2026-09-01T08:00:00.000Z',
  sequence: 1,
  ...over,
});

describe('the financing report against real Kafka and PostgreSQL', () => {
  let stack: TestStack;
  let producer: EventProducer;
  let intake: ContractClient;

  beforeAll(async () => {
    stack = await startTestStack({ only: ['capacity-service'] });
    producer = new EventProducer(stack.messaging);
    intake = capacityClient(
      stack.urlOf('capacity-service'),
      await signDevToken({ roles: ['intake'], institutionIds: [], districtCode: null }),
    );

    // Coping, 1–5 September: the municipal unit (2 places) is empty until the 4th, then full (one stay from
    // Sagene, one from Gamle Oslo); the non-profit one (1 place) is full all along (a stay from Sagene).
    // So the city had a free coping place the whole of 1–3 September, and none on the 4th and 5th.
    const municipal = new UnitLife('municipal', 2);
    const nonprofit = new UnitLife('nonprofit', 1);
    // Sagene buys coping 2–5 September (2 of the days while the city had a free place, at 3,000 kr);
    // Gamle Oslo buys acute from 1 September, open (acute has no place in the city: never free).
    const coping = purchase({});
    const acute = purchase({
      districtCode: GAMLE_OSLO,
      category: 'acute',
      from: '2026-09-01',
      pricePerDay: 5000,
    });
    await producer.send([
      municipal.registered(SEP_1),
      nonprofit.registered(SEP_1),
      nonprofit.admitted(SEP_1, SAGENE),
      municipal.admitted(SEP_4, SAGENE),
      municipal.admitted(SEP_4, GAMLE_OSLO),
      purchaseMessage(coping, PURCHASE_RECORDED),
      purchaseMessage(acute, PURCHASE_RECORDED),
      purchaseMessage({ ...coping, to: '2026-09-05', sequence: 2 }, PURCHASE_ENDED),
      // A duplicate of the first state changes nothing: the ended state stays.
      purchaseMessage(coping, PURCHASE_RECORDED),
    ]);
    await eventually(
      async () => {
        expect(await stack.messaging.consumerLag(CONSUMER_GROUP, TOPICS.institutionOccupancy)).toBe(0);
        expect(await stack.messaging.consumerLag(PURCHASES_CONSUMER_GROUP, TOPICS.intakePurchases)).toBe(0);
      },
      { timeoutMs: 30_000, intervalMs: 100 },
    );
  }, 180_000);

  afterAll(async () => {
    await producer?.disconnect();
    await stack?.dispose();
  });

  const period = { from: '2026-09-01', to: '2026-09-06' };

  it('sets the purchases against the own and non-profit places per category', async () => {
    const report = await eventually(
      async () => {
        const r = await intake.call(getFinancingReport, { query: { ...period, groupBy: 'category' } });
        expect(r.total.purchasedBedDays).toBe(4 + 5);
        return r;
      },
      { timeoutMs: 15_000 },
    );
    expect(report.groups.map((g) => g.key)).toEqual(['acute', 'coping']);
    expect(report.groups.find((g) => g.key === 'coping')).toEqual({
      key: 'coping',
      name: 'Mestringsenhet',
      ownAvailableBedDays: 10,
      ownUsedBedDays: 4,
      ownUnusedBedDays: 6,
      nonprofitAvailableBedDays: 5,
      nonprofitUsedBedDays: 5,
      nonprofitUnusedBedDays: 0,
      purchasedBedDays: 4,
      purchaseCost: 12_000,
      purchasedWhileFreeBedDays: 2,
      purchaseCostWhileFree: 6000,
      daysBoughtWhileFree: 2,
    });
    expect(report.groups.find((g) => g.key === 'acute')).toMatchObject({
      ownAvailableBedDays: 0,
      purchasedBedDays: 5,
      purchaseCost: 25_000,
      purchasedWhileFreeBedDays: 0,
    });
    expect(report.total).toMatchObject({
      purchaseCost: 37_000,
      purchaseCostWhileFree: 6000,
      ownUsedBedDays: 4,
    });
  });

  it('counts used bed-days and purchases by district, without the city capacity', async () => {
    const report = await intake.call(getFinancingReport, { query: { ...period, groupBy: 'district' } });
    expect(report.groups.map((g) => g.key)).toEqual([GAMLE_OSLO, SAGENE]);
    expect(report.groups.find((g) => g.key === SAGENE)).toMatchObject({
      name: 'Sagene',
      ownAvailableBedDays: null,
      ownUnusedBedDays: null,
      ownUsedBedDays: 2,
      nonprofitUsedBedDays: 5,
      purchasedBedDays: 4,
      purchasedWhileFreeBedDays: 2,
      daysBoughtWhileFree: 2,
    });
    expect(report.groups.find((g) => g.key === GAMLE_OSLO)).toMatchObject({
      ownUsedBedDays: 2,
      nonprofitUsedBedDays: 0,
      purchasedBedDays: 5,
      purchaseCost: 25_000,
    });
    expect(report.total.ownAvailableBedDays).toBe(10);
  });

  it('serves the report as CSV for Excel with Norwegian headers', async () => {
    const api = new ApiClient(
      stack.urlOf('capacity-service'),
      await signDevToken({ roles: ['district-staff'], institutionIds: [], districtCode: SAGENE }),
    );
    const response = await api.get<string>(
      '/api/capacity/reports/financing?from=2026-09-01&to=2026-09-06&groupBy=category&format=csv',
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="finansiering-category-2026-09-01-2026-09-05.csv"',
    );
    const lines = response.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toMatch(/^gruppe;tilgjengelige døgn egenregi;/);
    expect(lines[2]).toBe('Mestringsenhet;10;4;6;5;5;0;4;12000;2;6000;2');
  });

  it('is documented in the OpenAPI document with its answer', async () => {
    const document = (await (
      await fetch(`${stack.urlOf('capacity-service')}/api/capacity/docs/openapi.json`)
    ).json()) as { paths: Record<string, Record<string, { operationId?: string }>> };
    expect(document.paths['/api/capacity/reports/financing'].get.operationId).toBe('getFinancingReport');
  });

  it('refuses institution staff', async () => {
    const staff = capacityClient(
      stack.urlOf('capacity-service'),
      await signDevToken({
        roles: ['institution-staff'],
        institutionIds: [randomUUID()],
        districtCode: null,
      }),
    );
    const outcome = await staff.call(getFinancingReport, { query: period }).catch((e: unknown) => e);
    expect(outcome).toBeInstanceOf(ContractProblem);
    expect((outcome as ContractProblem).status).toBe(403);
  });
});
