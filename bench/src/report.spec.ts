import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkTargets, markdown, ratio, type BenchResults } from './report';

/** A quick run as the bench wrote it (bench/results). */
function storedRun(): BenchResults {
  const file = path.join(__dirname, '..', 'results', '2026-11-23T0756-quick.json');
  return JSON.parse(readFileSync(file, 'utf8')) as BenchResults;
}

describe('report', () => {
  it('judges each target from the figures', () => {
    const results = storedRun();
    const byWhat = Object.fromEntries(checkTargets(results).map((t) => [t.what.split(' ')[0], t.met]));
    expect(checkTargets(results).map((t) => t.met)).toEqual([false, false, false, false, true, true, true]);
    expect(byWhat.Summary).toBe(true);
  });

  it('computes the ratio at 200 writes/s from the end-to-end and floor p99', () => {
    const results = storedRun();
    const e2e = results.latency!.steps.find((s) => s.rate === 200)!.latencyMs.p99;
    const floor = results.floor!.steps.find((s) => s.rate === 200)!.roundTripMs.p99;
    expect(ratio(results)).toBeCloseTo(e2e / floor, 2);
  });

  it('says "not measured" for what a partial run left out, and neither met nor missed', () => {
    const results = storedRun();
    delete results.drain;
    delete results.fanout;
    const checks = checkTargets(results);
    const drain = checks.find((c) => c.what.startsWith('Drain'));
    expect(drain).toMatchObject({ figure: 'not measured', met: null });
  });

  it('reads the memory target in kilobytes: 49 KiB a client is more than 50 KB', () => {
    const results = storedRun();
    results.fanout!.rssKiBPerClient = 49;
    const memory = checkTargets(results).find((c) => c.what.startsWith('Gateway memory'));
    expect(memory?.met).toBe(false);
  });

  it('renders every target in the Markdown table', () => {
    const results = storedRun();
    results.targets = checkTargets(results);
    const text = markdown(results);
    for (const target of results.targets) expect(text).toContain(target.what);
  });
});
