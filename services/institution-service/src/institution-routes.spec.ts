/**
 * The routes table of @plass/contracts against what the service serves: the OpenAPI document built from
 * the app module's own controllers must hold every route of `institutionRoutes` (and nothing else), each
 * with its success schema, its Idempotency-Key header and exactly the problem statuses it declares.
 */
import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, type OpenAPIObject } from '@nestjs/swagger';
import { AUTH_ERROR_CODES } from '@plass/auth';
import {
  BEARER_TOKEN_PROBLEMS,
  institutionRoutes,
  nameOf,
  openApiPath,
  problemTypeOf,
  UNCODED,
  type RouteContract,
} from '@plass/contracts';
import { openApiDocument } from '@plass/observability';
import { z } from 'zod';
import { AppModule } from './app.module';
import type { InstitutionConfig } from './config';
import type { InstitutionErrorCode } from './institution.exception';
import { statusAndTitle } from './institution-problem';

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;

const config: InstitutionConfig = {
  port: 0,
  databaseUrl: 'postgres://postgres@127.0.0.1:5432',
  database: 'unused',
  outboxPollMs: 1000,
  expiryIntervalMs: 5000,
  offerReservationGraceMs: 3_600_000,
  backdateWindowDays: 7,
};

/** Runs `build` with placeholder Kafka credentials: forRoot reads them, and nothing here connects. */
function withKafkaCredentials<T>(build: () => T): T {
  const saved = { user: process.env.KAFKA_SASL_USERNAME, password: process.env.KAFKA_SASL_PASSWORD };
  process.env.KAFKA_SASL_USERNAME ??= 'unused';
  process.env.KAFKA_SASL_PASSWORD ??= 'unused';
  try {
    return build();
  } finally {
    if (saved.user === undefined) delete process.env.KAFKA_SASL_USERNAME;
    if (saved.password === undefined) delete process.env.KAFKA_SASL_PASSWORD;
  }
}

/** The app module's controllers, every provider an empty stand-in: only the routes are read. */
function controllerModule() {
  const { controllers = [], providers = [] } = withKafkaCredentials(() => AppModule.forRoot(config));
  const standIns = providers.map((provider) =>
    typeof provider === 'function' ? { provide: provider, useValue: {} } : provider,
  );
  @Module({ controllers, providers: standIns })
  class ControllersOnly {}
  return ControllersOnly;
}

const operationOf = (document: OpenAPIObject, route: RouteContract): Operation | undefined =>
  document.paths[openApiPath(route.path)]?.[route.method.toLowerCase() as 'get'];

const pascal = (id: string) => id.charAt(0).toUpperCase() + id.slice(1);

describe('institution routes of the contract', () => {
  let app: INestApplication;
  let document: OpenAPIObject;

  beforeAll(async () => {
    app = await NestFactory.create(controllerModule(), { logger: false });
    await app.init();
    document = openApiDocument(app, new DocumentBuilder().setTitle('institution-service').build());
  });

  afterAll(() => app.close());

  it('serves every route of the table, and no route that is not in it', () => {
    const served = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods as Record<string, Operation>).map(
        ([method, operation]) => `${method.toUpperCase()} ${path} ${operation.operationId}`,
      ),
    );
    expect(served.sort()).toEqual(
      institutionRoutes.map((r) => `${r.method} ${openApiPath(r.path)} ${r.id}`).sort(),
    );
  });

  it.each(institutionRoutes.map((r) => [r.id, r] as const))(
    '%s answers its success schema and exactly its problem statuses',
    (_, route: RouteContract) => {
      const operation = operationOf(document, route);
      expect(operation?.tags).toEqual([route.tag]);
      // A list is an array of its element's component (ADR 0152), anything else the component itself.
      const response = route.response!;
      const schema =
        response instanceof z.ZodArray
          ? {
              type: 'array',
              items: { $ref: `#/components/schemas/${nameOf(response.element as z.ZodType)}` },
            }
          : { $ref: `#/components/schemas/${nameOf(response) ?? `${pascal(route.id)}Response`}` };
      expect(operation?.responses[String(route.status)]).toMatchObject({
        content: { 'application/json': { schema } },
      });
      const problemStatuses = Object.keys(operation?.responses ?? {}).filter(
        (s) => s !== String(route.status),
      );
      expect(problemStatuses.sort()).toEqual(Object.keys(route.problems).sort());
      for (const [status, codes] of Object.entries(route.problems)) {
        const description = (operation?.responses[status] as { description: string }).description;
        for (const code of codes.length ? codes : [UNCODED]) {
          expect(description).toContain(`\`${problemTypeOf(code)}\``);
        }
      }
      const headers = (operation?.parameters ?? []).map((p) => ('name' in p ? p.name : undefined));
      expect(headers.includes('Idempotency-Key')).toBe(route.idempotent === true);
    },
  );

  it('refuses unknown fields in every body it documents', () => {
    for (const route of institutionRoutes.filter((r) => 'body' in r)) {
      const ref = (
        operationOf(document, route)?.requestBody as { content: Record<string, { schema: { $ref: string } }> }
      ).content['application/json'].schema.$ref;
      const schema = document.components?.schemas?.[ref.replace('#/components/schemas/', '')];
      expect({
        route: route.id,
        additionalProperties: (schema as { additionalProperties?: unknown }).additionalProperties,
      }).toEqual({
        route: route.id,
        additionalProperties: false,
      });
    }
  });

  it('lists every domain problem code under the status the service answers it with', () => {
    const shared = new Set<string>([UNCODED, 'IDEMPOTENCY_KEY_REUSED', ...BEARER_TOKEN_PROBLEMS]);
    for (const route of institutionRoutes as readonly RouteContract[]) {
      for (const [status, codes] of Object.entries(route.problems)) {
        for (const code of codes.filter((c) => !shared.has(c))) {
          expect({
            route: route.id,
            code,
            status: statusAndTitle(code as InstitutionErrorCode)?.[0],
          }).toEqual({
            route: route.id,
            code,
            status: Number(status),
          });
        }
      }
    }
  });

  it('names the auth guard’s own codes for 401', () => {
    expect([...BEARER_TOKEN_PROBLEMS].sort()).toEqual([...AUTH_ERROR_CODES].sort());
    for (const route of institutionRoutes) expect(route.problems[401]).toEqual(BEARER_TOKEN_PROBLEMS);
  });

  it('documents the planned discharge date of an open stay as a calendar date or null (issue 13)', () => {
    const stays = {
      ...(
        document.paths['/api/units/{unitId}/stays'].get?.responses['200'] as unknown as {
          content: { 'application/json': { schema: { type: string } } };
        }
      ).content['application/json'].schema,
      items: document.components?.schemas?.Stay as { properties: Record<string, object>; required: string[] },
    };
    expect(stays.type).toBe('array');
    expect(stays.items.properties.plannedDischargeDate).toMatchObject({
      type: 'string',
      format: 'date',
      nullable: true,
    });
    expect(stays.items.required).toEqual(
      expect.arrayContaining([
        'stayId',
        'unitId',
        'referringDistrictCode',
        'admittedAt',
        'plannedDischargeDate',
      ]),
    );
  });
});
