/**
 * The capacity service's controllers against its REST contract, without PostgreSQL: the routes are served
 * where the contract says, documented with their answers and problems, queries are parsed by the
 * contract's schemas (400 with one message per field), and the utilisation report also comes as CSV.
 * The services behind the controllers are stubs here; test/*.int-spec.ts drive the real ones.
 */
import { z } from 'zod';
import { Module, type INestApplication } from '@nestjs/common';
import {
  CAPACITY_ROUTES,
  contractClient,
  ContractProblem,
  getDemandReport,
  getUtilizationReport,
  listAlerts,
  listCapacityUnits,
  openApiPath,
  type DemandReport,
  type UtilizationReport,
} from '@plass/contracts';
import { createService, ProblemDetailsFilter } from '@plass/observability';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { AlertsController } from './alerts/alerts.controller';
import { AlertsService } from './alerts/alerts.service';
import { CAPACITY_CONFIG } from './config';
import { DemandController } from './demand/demand.controller';
import { DemandService } from './demand/demand.service';
import { ForecastController } from './forecast/forecast.controller';
import { ForecastService } from './forecast/forecast.service';
import { HistoryController } from './history/history.controller';
import { HistoryService } from './history/history.service';
import { HousingReadService } from './housing/housing-read.service';
import { HousingController } from './housing/housing.controller';
import { IndicatorsController } from './indicators/indicators.controller';
import { IndicatorsService } from './indicators/indicators.service';
import { UnitListController } from './maintenance/unit-list.controller';
import { UnitListRepository } from './maintenance/unit-list.repository';
import { CapacityReadService } from './read-model/capacity-read.service';
import { CapacityController } from './read-model/capacity.controller';
import { UtilizationController } from './reports/utilization.controller';
import { UtilizationService } from './reports/utilization.service';
import { ResidentsController } from './stays/residents.controller';
import { ResidentsService } from './stays/residents.service';

const report: UtilizationReport = {
  from: '2023-12-31T23:00:00.000Z',
  to: '2024-12-31T23:00:00.000Z',
  countedUntil: '2024-12-31T23:00:00.000Z',
  groupBy: 'category',
  timeZone: 'Europe/Oslo',
  groups: [
    {
      key: 'acute',
      name: 'Akutt',
      possibleBedDays: 10,
      usedBedDays: 5,
      blockedBedDays: 0,
      unusedBedDays: 5,
      occupancyRate: 0.5,
    },
  ],
  total: { possibleBedDays: 10, usedBedDays: 5, blockedBedDays: 0, unusedBedDays: 5, occupancyRate: 0.5 },
};

const demand: DemandReport = {
  from: '2025-12-31T23:00:00.000Z',
  to: '2026-12-31T23:00:00.000Z',
  groupBy: 'district',
  timeZone: 'Europe/Oslo',
  groups: [
    {
      key: '030101',
      name: 'Gamle Oslo',
      received: 3,
      placed: 1,
      withdrawn: 0,
      waitingNow: 2,
      waitingHoursP50: 36.5,
      waitingHoursP90: 36.5,
      offersDeclined: { 'declined-by-resident': 1, unsuitable: 0, 'placed-elsewhere': 0, other: 0 },
    },
  ],
  total: {
    received: 3,
    placed: 1,
    withdrawn: 0,
    waitingNow: 2,
    waitingHoursP50: 36.5,
    waitingHoursP90: 36.5,
    offersDeclined: { 'declined-by-resident': 1, unsuitable: 0, 'placed-elsewhere': 0, other: 0 },
  },
};

const calls = { units: [] as unknown[], alerts: [] as unknown[], reports: [] as unknown[] };

@Module({
  controllers: [
    CapacityController,
    UnitListController,
    HistoryController,
    IndicatorsController,
    HousingController,
    ForecastController,
    UtilizationController,
    DemandController,
    AlertsController,
    ResidentsController,
  ],
  providers: [
    { provide: DataSource, useValue: { manager: {} } },
    { provide: CAPACITY_CONFIG, useValue: { suppressionThreshold: 5 } },
    {
      provide: UnitListRepository,
      useValue: { list: (_manager: unknown, filter: unknown) => (calls.units.push(filter), []) },
    },
    {
      provide: AlertsService,
      useValue: { list: (filter: unknown) => Promise.resolve((calls.alerts.push(filter), [])) },
    },
    {
      provide: UtilizationService,
      useValue: { report: (query: unknown) => Promise.resolve((calls.reports.push(query), report)) },
    },
    {
      provide: DemandService,
      useValue: { report: (query: unknown) => Promise.resolve((calls.reports.push(query), demand)) },
    },
    ...[
      CapacityReadService,
      HistoryService,
      IndicatorsService,
      HousingReadService,
      ForecastService,
      ResidentsService,
    ].map((service) => ({ provide: service, useValue: {} })),
  ],
})
class ControllersOnly {}

describe('capacity service REST contract', () => {
  let app: INestApplication;
  let baseUrl: string;

  beforeAll(async () => {
    const logger = pino({ level: 'silent' });
    app = await createService(ControllersOnly, {
      name: 'capacity-contract-spec',
      port: 0,
      logger,
      openApi: { path: 'api/capacity/docs', title: 'capacity', description: 'spec' },
    });
    // ServiceInfraModule registers this filter in the service; this module leaves the infrastructure out.
    app.useGlobalFilters(new ProblemDetailsFilter(logger));
    // The auth guard is infrastructure too: every request here is intake's (exact figures, ADR 0223).
    app.use((request: { user?: unknown }, _response: unknown, next: () => void) => {
      request.user = { sub: 'contract-spec', roles: ['intake'], institutionIds: [], districtCode: null };
      next();
    });
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
  });

  afterAll(() => app?.close());

  it('documents every route of the contract with its answer and each problem status', async () => {
    const document = (await (await fetch(`${baseUrl}/api/capacity/docs/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, unknown> };
    };
    for (const route of CAPACITY_ROUTES) {
      const operation = document.paths[openApiPath(route.path)]?.[route.method.toLowerCase()];
      expect({ route: route.id, operationId: operation?.operationId }).toEqual({
        route: route.id,
        operationId: route.id,
      });
      // A named answer is a component; a list is an array of its element's component (ADR 0152).
      const component = { $ref: expect.stringMatching(/^#\/components\/schemas\//) as unknown };
      const schema = route.response instanceof z.ZodArray ? { type: 'array', items: component } : component;
      expect(operation.responses[String(route.status)]).toMatchObject({
        content: { 'application/json': { schema } },
      });
      for (const status of Object.keys(route.problems)) {
        expect(operation.responses[status]).toMatchObject({
          content: {
            'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } },
          },
        });
      }
    }
    expect(document.components.schemas).toHaveProperty('CapacityUnit');
    expect(document.paths['/api/capacity/history'].get.responses['400']).toMatchObject({
      description: expect.stringMatching(/about:blank.*urn:plassoversikt:problem:invalid-query/),
    });
  });

  it('refuses a query the contract does not allow, with one message per field', async () => {
    const response = await fetch(`${baseUrl}/api/capacity/forecast?days=0&category=spa`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const problem = (await response.json()) as { errors: string[] };
    expect(problem.errors).toEqual([
      'days: must be a whole number from 1 to 90',
      expect.stringMatching(/^category: Invalid option: expected one of "acute"\|/),
    ]);

    const client = contractClient({ baseUrl });
    const refused = await client
      .call(listCapacityUnits, { query: { onlyAvailable: 'yes', name: 'Kari' } as never })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ContractProblem);
    expect((refused as ContractProblem).problem?.errors).toEqual(
      expect.arrayContaining([
        'onlyAvailable: Invalid option: expected one of "true"|"false"',
        expect.stringMatching(/Unrecognized key: "name"/),
      ]),
    );
  });

  it('hands the services the parsed query: flags as booleans, lists as arrays, the defaults filled in', async () => {
    const client = contractClient({ baseUrl });
    await expect(client.call(listCapacityUnits, { query: { onlyAvailable: 'true' } })).resolves.toEqual([]);
    expect(calls.units.at(-1)).toEqual({
      category: null,
      districtCode: null,
      providerType: null,
      onlyAvailable: true,
      includeClosed: false,
    });
    await client.call(listAlerts, { query: { status: 'open,resolved', code: 'OVER_CAPACITY' } });
    await client.call(listAlerts, {});
    await client.call(listAlerts, {
      query: { status: 'resolved', from: '2026-11-01', to: '2026-12-01', limit: '26', offset: '25' },
    });
    const none = { scopeKey: undefined, from: undefined, to: undefined, limit: 100, offset: 0 };
    expect(calls.alerts.slice(-3)).toEqual([
      { ...none, statuses: ['open', 'resolved'], codes: ['OVER_CAPACITY'] },
      { ...none, statuses: ['open', 'acknowledged'], codes: [] },
      {
        ...none,
        statuses: ['resolved'],
        codes: [],
        // Midnight in Oslo (UTC+1 in November and December).
        from: new Date('2026-10-31T23:00:00.000Z'),
        to: new Date('2026-11-30T23:00:00.000Z'),
        limit: 26,
        offset: 25,
      },
    ]);
  });

  it('answers the utilisation report as JSON by its schema, and as a CSV download when asked', async () => {
    const client = contractClient({ baseUrl });
    await expect(
      client.call(getUtilizationReport, { query: { from: '2024-01-01', to: '2025-01-01' } }),
    ).resolves.toEqual(report);
    expect(calls.reports.at(-1)).toMatchObject({ groupBy: 'category', format: 'json' });

    const csv = await fetch(
      `${baseUrl}/api/capacity/reports/utilization?from=2024-01-01&to=2025-01-01&format=csv`,
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(
      'attachment; filename="beleggsrapport-category-2024-01-01-2024-12-31.csv"',
    );
    expect((await csv.text()).split('\r\n')[1]).toBe('Akutt;10;5;0;5;50');
  });

  it('answers the demand report as JSON by its schema, and as a CSV download when asked', async () => {
    const client = contractClient({ baseUrl });
    await expect(
      client.call(getDemandReport, { query: { from: '2026-01-01', to: '2027-01-01', groupBy: 'district' } }),
    ).resolves.toEqual({ ...demand, suppression: null });
    expect(calls.reports.at(-1)).toMatchObject({ groupBy: 'district', format: 'json' });

    const csv = await fetch(`${baseUrl}/api/capacity/demand?from=2026-01-01&to=2027-01-01&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(
      'attachment; filename="ettersporsel-district-2026-01-01-2026-12-31.csv"',
    );
    expect((await csv.text()).split('\r\n')[1]).toBe('Gamle Oslo;3;1;0;2;36,5;36,5;1;0;0;0');

    const refused = await fetch(
      `${baseUrl}/api/capacity/demand?from=2026-01-01&to=2027-01-01&groupBy=institution`,
    );
    expect(refused.status).toBe(400);
  });
});
