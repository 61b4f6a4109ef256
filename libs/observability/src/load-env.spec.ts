import { z } from 'zod';
import { InvalidConfigError, loadEnv } from './load-env';

const schema = z.object({
  SOME_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  SOME_URL: z.url(),
});

describe('loadEnv', () => {
  it('parses a valid environment, with defaults and coercion', () => {
    expect(loadEnv('svc', schema, { SOME_URL: 'redis://127.0.0.1:6379' })).toEqual({
      SOME_PORT: 3000,
      SOME_URL: 'redis://127.0.0.1:6379',
    });
    expect(loadEnv('svc', schema, { SOME_PORT: '8080', SOME_URL: 'http://x' }).SOME_PORT).toBe(8080);
  });

  it('names a missing variable', () => {
    expect(() => loadEnv('svc', schema, {})).toThrow(/^svc: invalid configuration: SOME_URL: /);
  });

  it('names a bad variable, every bad one', () => {
    let error: unknown;
    try {
      loadEnv('svc', schema, { SOME_PORT: 'eighty', SOME_URL: 'not a url' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidConfigError);
    expect((error as InvalidConfigError).problems.map((p) => p.split(':')[0])).toEqual([
      'SOME_PORT',
      'SOME_URL',
    ]);
    expect((error as Error).message).toContain('svc: invalid configuration: SOME_PORT: ');
  });

  it('reads process.env when given no environment', () => {
    process.env.SOME_URL = 'http://from-process';
    try {
      expect(loadEnv('svc', schema).SOME_URL).toBe('http://from-process');
    } finally {
      delete process.env.SOME_URL;
    }
  });
});
