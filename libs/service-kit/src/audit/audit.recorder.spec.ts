import { EventEmitter } from 'node:events';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import type { AuditRecord } from './audit-record';
import { AuditRecorder } from './audit.recorder';
import type { AuditRepository } from './audit.repository';

function fakeResponse(statusCode: number): Response & EventEmitter {
  return Object.assign(new EventEmitter(), { statusCode, writableFinished: true }) as unknown as Response &
    EventEmitter;
}

function fakeRequest(method: string, url: string): Request {
  return {
    method,
    originalUrl: url,
    baseUrl: '',
    headers: { 'x-correlation-id': 'corr-1' },
    route: { path: '/api/units/:unitId/blocks' },
    params: { unitId: '6f1c2b7e-9d0a-4c3e-8b1f-2a3b4c5d6e7f' },
  } as unknown as Request;
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
}

describe(AuditRecorder.name, () => {
  const setup = (append: (record: AuditRecord) => Promise<void>) => {
    const entries = { append: jest.fn(append) };
    const logger = { error: jest.fn() };
    const recorder = new AuditRecorder(entries as unknown as AuditRepository, logger as unknown as Logger);
    return { entries, logger, recorder };
  };

  it('writes one entry when the answer to a write is done, with the user the guard set', async () => {
    const { entries, recorder } = setup(() => Promise.resolve());
    const request = fakeRequest('POST', '/api/units/6f1c2b7e-9d0a-4c3e-8b1f-2a3b4c5d6e7f/blocks');
    const response = fakeResponse(201);
    const next = jest.fn();
    recorder.use(request, response, next);
    expect(next).toHaveBeenCalledTimes(1);
    expect(entries.append).not.toHaveBeenCalled();
    // The guard runs after the middleware and puts the user on the request.
    Object.assign(request, { user: { sub: 'kari', roles: ['institution-staff'] } });
    response.emit('close');
    await settle();
    expect(entries.append).toHaveBeenCalledTimes(1);
    expect(entries.append.mock.calls[0][0]).toMatchObject({
      actor: 'kari',
      action: 'POST /api/units/:unitId/blocks',
      outcome: 'success',
      correlationId: 'corr-1',
    });
  });

  it('leaves reads alone', async () => {
    const { entries, recorder } = setup(() => Promise.resolve());
    const response = fakeResponse(200);
    recorder.use(fakeRequest('GET', '/api/units/x'), response, jest.fn());
    response.emit('close');
    await settle();
    expect(entries.append).not.toHaveBeenCalled();
  });

  it('logs a failed insert and never rejects: the write stands', async () => {
    const { logger, recorder } = setup(() => Promise.reject(new Error('database down')));
    const response = fakeResponse(403);
    await expect(
      recorder.record(fakeRequest('POST', '/api/units/x/blocks') as never, response),
    ).resolves.toBeUndefined();
    expect(logger.error).toHaveBeenCalledWith(
      expect.objectContaining({ err: expect.any(Error), status: 403 }),
      'audit entry could not be written',
    );
  });
});
