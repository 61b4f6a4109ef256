import { paced } from './pacer';

describe(paced.name, () => {
  it('fires every due request once, in order, at about the rate asked', async () => {
    const fired: number[] = [];
    const dues: number[] = [];
    const result = await paced(200, 250, (i, due) => {
      fired.push(i);
      dues.push(due);
    });
    expect(result.fired).toBe(50);
    expect(fired).toEqual(Array.from({ length: 50 }, (_, i) => i));
    // Due times are start + i / rate: 5 ms apart.
    expect(dues[10] - dues[0]).toBeCloseTo(50, 5);
    expect(result.lateness).toHaveLength(50);
  });

  it('does not wait for slow requests (open loop): a stalled callback makes the next ones late, not fewer', async () => {
    let stalled = false;
    const result = await paced(100, 200, () => {
      if (!stalled) {
        stalled = true;
        const until = Date.now() + 60;
        while (Date.now() < until) {
          // busy: the event loop is blocked as by a slow client
        }
      }
    });
    expect(result.fired).toBe(20);
    expect(Math.max(...result.lateness)).toBeGreaterThanOrEqual(40);
  });
});
