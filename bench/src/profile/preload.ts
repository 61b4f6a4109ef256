/**
 * Loaded into every service of the bench's stack through NODE_OPTIONS (never into a normal run):
 * - SIGPWR runs a full garbage collection, so the fan-out measurement compares live heaps, not
 *   whatever garbage the collector had not reached yet;
 * - in the services named by `--profile`, the CPU is sampled from the start, and each SIGWINCH (not
 *   SIGUSR2: NestJS's shutdown hooks treat that as a stop signal) writes what was sampled since the
 *   previous one to BENCH_PROFILE_DIR as a .cpuprofile (Chrome DevTools, speedscope, or
 *   `npm run bench -- --summarize <file>`) and starts again. The inspector session is used instead of
 *   --cpu-prof because the services end by re-raising SIGTERM, which skips --cpu-prof's write.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;
process.on('SIGPWR', () => {
  collectGarbage();
  collectGarbage();
});

const dir = process.env.BENCH_PROFILE_DIR;
const entry = process.argv[1] ?? '';
const service = (process.env.BENCH_PROFILE_SERVICE ?? '')
  .split(',')
  .find((s) => s && entry.includes(`/${s}/`));

if (dir && service) {
  const session = new Session();
  session.connect();
  let part = 0;
  const start = () => {
    session.post('Profiler.enable', () =>
      session.post('Profiler.setSamplingInterval', { interval: 500 }, () => session.post('Profiler.start')),
    );
  };
  start();
  process.on('SIGWINCH', () => {
    session.post('Profiler.stop', (error, result) => {
      if (!error) {
        part += 1;
        const file = path.join(dir, `${service}-${process.pid}-${part}.cpuprofile`);
        writeFileSync(file, JSON.stringify(result.profile));
        console.error(`cpu profile written to ${file}`);
      }
      start();
    });
  });
}
