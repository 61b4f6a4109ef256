/**
 * One background loop for the services' schedulers (alert schedule, expiry rounds, reservation sweep):
 * runs a task every `intervalMs`, never two runs at once, logs a failed run and carries on, and on
 * `stop()` cancels the wait and awaits the run in progress. The task may return a shorter (or longer)
 * delay for the next run; `wake()` cuts the current wait short (a run in progress is followed by
 * another at once).
 */
import type { Logger } from 'pino';

export interface PeriodicTaskOptions {
  /** What the log line says failed, e.g. 'alert schedule'. */
  name: string;
  /** Milliseconds between the end of one run and the start of the next. */
  intervalMs: number;
  /** The work; a returned number is the delay before the next run instead of `intervalMs`. */
  task: () => Promise<number | void>;
  logger: Pick<Logger, 'warn'>;
  /** Run once at `start()` (default) or only after the first interval. */
  runAtStart?: boolean;
}

export class PeriodicTask {
  private running = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private woken = false;

  constructor(private readonly options: PeriodicTaskOptions) {}

  /** True from `start()` until `stop()`: a long task can check it to end early. */
  get isRunning(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Cuts the current wait short; a run in progress is followed by another at once. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /** Stops the loop and waits for the run in progress, if any. */
  async stop(): Promise<void> {
    this.running = false;
    this.wakeUp?.();
    await this.loop;
    this.loop = null;
  }

  private async run(): Promise<void> {
    if (this.options.runAtStart === false) await this.sleep(this.options.intervalMs);
    while (this.running) {
      let waitMs = this.options.intervalMs;
      this.woken = false;
      try {
        const next = await this.options.task();
        if (typeof next === 'number') waitMs = next;
      } catch (error) {
        this.options.logger.warn({ err: error }, `${this.options.name} failed; trying again`);
      }
      await this.sleep(waitMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.woken || !this.running) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
      function done() {
        clearTimeout(timer);
        resolve();
      }
    }).finally(() => {
      this.wakeUp = null;
    });
  }
}
