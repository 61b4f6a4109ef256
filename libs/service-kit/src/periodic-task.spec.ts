import { PeriodicTask } from './periodic-task';

/** Lets pending promise callbacks run without moving the fake clock. */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('PeriodicTask', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const logger = () => ({ warn: jest.fn() });

  it('runs at start and then every interval', async () => {
    const task = jest.fn(() => Promise.resolve());
    const periodic = new PeriodicTask({ name: 't', intervalMs: 1000, task, logger: logger() });
    periodic.start();
    await settle();
    expect(task).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(999);
    expect(task).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(task).toHaveBeenCalledTimes(2);
    await jest.advanceTimersByTimeAsync(3000);
    expect(task).toHaveBeenCalledTimes(5);
    await periodic.stop();
  });

  it('waits one interval first when runAtStart is false', async () => {
    const task = jest.fn(() => Promise.resolve());
    const periodic = new PeriodicTask({
      name: 't',
      intervalMs: 500,
      task,
      logger: logger(),
      runAtStart: false,
    });
    periodic.start();
    await settle();
    expect(task).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(500);
    expect(task).toHaveBeenCalledTimes(1);
    await periodic.stop();
  });

  it('never overlaps runs: the interval counts from the end of a slow run', async () => {
    let active = 0;
    let most = 0;
    const task = jest.fn(async () => {
      active += 1;
      most = Math.max(most, active);
      await new Promise((r) => setTimeout(r, 2500));
      active -= 1;
    });
    const periodic = new PeriodicTask({ name: 't', intervalMs: 1000, task, logger: logger() });
    periodic.start();
    await jest.advanceTimersByTimeAsync(2500 + 999);
    expect(task).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(task).toHaveBeenCalledTimes(2);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(most).toBe(1);
    const stopping = periodic.stop();
    await jest.advanceTimersByTimeAsync(2500);
    await stopping;
  });

  it('logs a failed run and carries on', async () => {
    const log = logger();
    const task = jest.fn().mockRejectedValueOnce(new Error('boom')).mockResolvedValue(undefined);
    const periodic = new PeriodicTask({ name: 'sweep', intervalMs: 100, task, logger: log });
    periodic.start();
    await settle();
    expect(log.warn).toHaveBeenCalledWith({ err: expect.any(Error) }, 'sweep failed; trying again');
    await jest.advanceTimersByTimeAsync(100);
    expect(task).toHaveBeenCalledTimes(2);
    await periodic.stop();
  });

  it('uses the delay a run returns for the next wait', async () => {
    const task = jest.fn(() => Promise.resolve(200));
    const periodic = new PeriodicTask({ name: 't', intervalMs: 10_000, task, logger: logger() });
    periodic.start();
    await jest.advanceTimersByTimeAsync(200);
    expect(task).toHaveBeenCalledTimes(2);
    await periodic.stop();
  });

  it('wake() cuts the wait short, and a wake during a run is followed by another run at once', async () => {
    const gate = deferred();
    const task = jest
      .fn()
      .mockImplementationOnce(() => gate.promise)
      .mockResolvedValue(undefined);
    const periodic = new PeriodicTask({ name: 't', intervalMs: 60_000, task, logger: logger() });
    periodic.start();
    await settle();
    periodic.wake(); // during the first run
    gate.resolve();
    await settle();
    expect(task).toHaveBeenCalledTimes(2);
    periodic.wake(); // during the wait
    await settle();
    expect(task).toHaveBeenCalledTimes(3);
    await periodic.stop();
  });

  it('stop() cancels the wait and awaits the run in progress, then runs no more', async () => {
    const gate = deferred();
    let finished = false;
    const task = jest.fn(async () => {
      await gate.promise;
      finished = true;
    });
    const periodic = new PeriodicTask({ name: 't', intervalMs: 1000, task, logger: logger() });
    periodic.start();
    await settle();
    expect(periodic.isRunning).toBe(true);
    let stopped = false;
    const stopping = periodic.stop().then(() => (stopped = true));
    await settle();
    expect(stopped).toBe(false);
    expect(periodic.isRunning).toBe(false);
    gate.resolve();
    await stopping;
    expect(finished).toBe(true);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('stop() during the wait returns without waiting for the timer', async () => {
    const task = jest.fn(() => Promise.resolve());
    const periodic = new PeriodicTask({ name: 't', intervalMs: 60_000, task, logger: logger() });
    periodic.start();
    await settle();
    await periodic.stop();
    expect(jest.getTimerCount()).toBe(0);
    expect(task).toHaveBeenCalledTimes(1);
  });
});
