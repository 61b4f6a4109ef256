import { HealthRegistry } from './health';

describe(HealthRegistry.name, () => {
  it('is ready when no check is registered', async () => {
    await expect(new HealthRegistry().run()).resolves.toEqual({ status: 'ok', checks: {} });
  });

  it('reports every check ok when all pass', async () => {
    const health = new HealthRegistry();
    health.register('database', () => Promise.resolve());
    health.register('kafka', () => Promise.resolve());
    await expect(health.run()).resolves.toEqual({ status: 'ok', checks: { database: 'ok', kafka: 'ok' } });
  });

  it('is unavailable and names the failure when one check rejects', async () => {
    const health = new HealthRegistry();
    health.register('database', () => Promise.resolve());
    health.register('redis', () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379')));
    await expect(health.run()).resolves.toEqual({
      status: 'unavailable',
      checks: { database: 'ok', redis: 'error: connect ECONNREFUSED 127.0.0.1:6379' },
    });
  });

  it('fails a check that does not answer within the timeout', async () => {
    const health = new HealthRegistry();
    health.register('kafka', () => new Promise<void>(() => undefined));
    await expect(health.run(20)).resolves.toEqual({
      status: 'unavailable',
      checks: { kafka: 'error: timed out after 20 ms' },
    });
  });

  it('runs the checks in parallel', async () => {
    const health = new HealthRegistry();
    const slow = () => new Promise<void>((resolve) => setTimeout(resolve, 150));
    health.register('a', slow);
    health.register('b', slow);
    health.register('c', slow);
    const started = Date.now();
    await health.run();
    expect(Date.now() - started).toBeLessThan(400);
  });

  it('fails a check that throws before returning a promise', async () => {
    const health = new HealthRegistry();
    health.register('config', () => {
      throw new Error('DATABASE_URL is not set');
    });
    await expect(health.run()).resolves.toMatchObject({
      checks: { config: 'error: DATABASE_URL is not set' },
    });
  });

  it('refuses a second check with the same name', () => {
    const health = new HealthRegistry();
    health.register('database', () => Promise.resolve());
    expect(() => health.register('database', () => Promise.resolve())).toThrow(/already registered/);
  });
});
