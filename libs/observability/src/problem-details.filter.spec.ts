import {
  Body,
  Controller,
  Get,
  Module,
  NotFoundException,
  Post,
  UnauthorizedException,
} from '@nestjs/common';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { QueryFailedError } from 'typeorm';
import type { ProblemDetails } from '@plass/contracts';
import { createLogger } from './logger';
import { ObservabilityModule } from './nest/observability.module';
import { memoryLog, startApp } from './nest/test-app';
import type { TestApp } from './nest/test-app';
import { ContractValidationPipe } from './nest/contract-validation.pipe';
import { problem } from './problem-details';
import { ProblemDetailsFilter } from './problem-details.filter';

class UnitDto extends createZodDto(
  z.strictObject({ name: z.string().min(1, 'must not be empty'), capacity: z.number().int().min(0) }),
) {}

class CapacityRuleError extends Error {
  constructor(readonly code: 'NEGATIVE_CAPACITY') {
    super(code);
  }
}

@Controller('units')
class UnitsController {
  @Post()
  create(@Body(new ContractValidationPipe()) unit: UnitDto): UnitDto {
    return unit;
  }

  @Get('missing')
  missing(): never {
    throw new NotFoundException('unit u9 does not exist');
  }

  @Get('full')
  full(): never {
    throw problem(409, 'No available place', 'unit u1 has no free place', {
      code: 'NO_AVAILABLE_PLACE',
      unitId: 'u1',
    });
  }

  @Get('broken')
  broken(): never {
    throw new Error('password authentication failed for user "plass"');
  }

  @Get('query-failed')
  queryFailed(): never {
    const driverError = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), {
      severity: 'ERROR',
      code: '22021',
    });
    throw new QueryFailedError(
      'UPDATE unit SET name = $2 WHERE id = $1',
      ['u1', 'Kari\u0000 Nordmann'],
      driverError,
    );
  }

  @Get('negative')
  negative(): never {
    throw new CapacityRuleError('NEGATIVE_CAPACITY');
  }

  @Get('unauthorized')
  unauthorized(): never {
    throw new UnauthorizedException('no authenticated user on this request');
  }

  @Get('challenged')
  challenged(): never {
    throw Object.assign(new UnauthorizedException('token expired at 2023-11-14T22:13:20Z'), {
      problemHeaders: { 'WWW-Authenticate': 'Bearer error="invalid_token"', 'X-Ignored': 42 },
    });
  }
}

const log = memoryLog();

@Module({
  imports: [
    ObservabilityModule.forRoot({
      service: 'test-service',
      logger: createLogger('test-service', log),
      translateError: (error) =>
        error instanceof CapacityRuleError
          ? problem(422, 'Capacity cannot be negative', 'capacity must be 0 or more', { code: error.code })
          : undefined,
    }),
  ],
  controllers: [UnitsController],
})
class TestModule {}

const postJson = (url: string, body: string) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

describe(ProblemDetailsFilter.name, () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startApp(TestModule);
  });

  afterAll(async () => {
    await app.close();
  });

  it('answers a thrown HttpException as problem+json with its status and message', async () => {
    const response = await fetch(`${app.url}/units/missing`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'unit u9 does not exist',
      instance: '/units/missing',
      correlationId: response.headers.get('x-correlation-id'),
    });
  });

  it('keeps the code and extensions of a problem thrown by a service', async () => {
    const response = await fetch(`${app.url}/units/full?verbose=1`);
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({
      type: 'urn:plassoversikt:problem:no-available-place',
      title: 'No available place',
      detail: 'unit u1 has no free place',
      code: 'NO_AVAILABLE_PLACE',
      unitId: 'u1',
      instance: '/units/full',
    });
  });

  it('joins validation messages into the detail and lists them in errors', async () => {
    const response = await postJson(`${app.url}/units`, JSON.stringify({ name: '', capacity: 1.5 }));
    expect(response.status).toBe(400);
    const body = (await response.json()) as ProblemDetails;
    expect(body.errors).toEqual([
      'name: must not be empty',
      'capacity: Invalid input: expected int, received number',
    ]);
    expect(body.detail).toBe(
      'name: must not be empty; capacity: Invalid input: expected int, received number',
    );
  });

  it('says clearly that a malformed body is not valid JSON', async () => {
    const response = await postJson(`${app.url}/units`, '{"name": "Avdeling 1",');
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({
      status: 400,
      detail: 'the request body is not valid JSON',
      instance: '/units',
    });
  });

  it('answers 413 with the limit for a body that is too large', async () => {
    const response = await postJson(`${app.url}/units`, JSON.stringify({ name: 'x'.repeat(200_000) }));
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({
      status: 413,
      detail: expect.stringMatching(/larger than the limit/),
    });
  });

  it('hides an unknown error behind a generic 500 and logs it with the correlation id', async () => {
    const response = await fetch(`${app.url}/units/broken`, {
      headers: { 'x-correlation-id': 'abc-123.x_y' },
    });
    expect(response.status).toBe(500);
    expect(response.headers.get('x-correlation-id')).toBe('abc-123.x_y');
    const text = await response.text();
    expect(text).not.toContain('password');
    expect(text).not.toMatch(/\bat .+:\d+:\d+/);
    expect(JSON.parse(text)).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: 'an unexpected error occurred; quote the correlation id when reporting it',
      instance: '/units/broken',
      correlationId: 'abc-123.x_y',
    });
    const entry = log.entries().find((line) => line.correlationId === 'abc-123.x_y');
    expect(entry).toMatchObject({ level: 'error', msg: 'unexpected error', path: '/units/broken' });
    expect(JSON.stringify(entry)).toMatch(
      /password authentication failed[^"]*".*problem-details\.filter\.spec/,
    );
  });

  it('logs an unexpected database error without the values of its query', async () => {
    const response = await fetch(`${app.url}/units/query-failed`, {
      headers: { 'x-correlation-id': 'db-1' },
    });
    expect(response.status).toBe(500);
    const entry = log.entries().find((line) => line.correlationId === 'db-1');
    expect(entry).toMatchObject({
      msg: 'unexpected error',
      err: { type: 'QueryFailedError', code: '22021' },
    });
    expect(JSON.stringify(entry)).not.toContain('Nordmann');
  });

  it('replaces a correlation id that is not a safe token with a new uuid', async () => {
    const response = await fetch(`${app.url}/units/missing`, {
      headers: { 'x-correlation-id': 'a b<script>' },
    });
    const id = response.headers.get('x-correlation-id');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(((await response.json()) as ProblemDetails).correlationId).toBe(id);
  });

  it('answers an unknown path as a 404 problem', async () => {
    const response = await fetch(`${app.url}/nowhere`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({
      title: 'Not Found',
      detail: 'Cannot GET /nowhere',
      instance: '/nowhere',
    });
  });

  it("answers a domain error through the service's translateError with a correlation id", async () => {
    const response = await fetch(`${app.url}/units/negative`);
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({
      type: 'urn:plassoversikt:problem:negative-capacity',
      code: 'NEGATIVE_CAPACITY',
      detail: 'capacity must be 0 or more',
      correlationId: response.headers.get('x-correlation-id'),
    });
  });

  it('sends WWW-Authenticate: Bearer with every 401 (RFC 9110 §15.5.2, RFC 6750 §3)', async () => {
    const response = await fetch(`${app.url}/units/unauthorized`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await fetch(`${app.url}/units/missing`)).headers.get('www-authenticate')).toBeNull();
  });

  it("sends the exception's own problemHeaders, such as the auth guard's challenge, and only string ones", async () => {
    const response = await fetch(`${app.url}/units/challenged`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(response.headers.get('x-ignored')).toBeNull();
  });
});
