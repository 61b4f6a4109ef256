import { eventually } from './eventually';

describe('eventually', () => {
  it('returns once the assertion passes', async () => {
    let calls = 0;
    await expect(
      eventually(() => (++calls < 3 ? Promise.reject(new Error('not yet')) : calls), { intervalMs: 1 }),
    ).resolves.toBe(3);
  });

  it('rethrows the last failure after the deadline', async () => {
    await expect(eventually(() => expect(1).toBe(2), { timeoutMs: 30, intervalMs: 5 })).rejects.toThrow(
      /Expected: 2/,
    );
  });
});
