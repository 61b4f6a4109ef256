/** Progress lines while the bench runs: elapsed time, section, message. */
import os from 'node:os';

const started = Date.now();

export function elapsedSeconds(): number {
  return (Date.now() - started) / 1000;
}

export function log(section: string, message: string): void {
  console.log(`[bench ${elapsedSeconds().toFixed(1).padStart(6)} s] ${section.padEnd(9)} ${message}`);
}

/** Calls `report` every `everyMs` until the returned function is called. */
export function every(everyMs: number, report: () => void): () => void {
  const timer = setInterval(report, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

export function loadAverage(): [number, number, number] {
  const [a, b, c] = os.loadavg();
  return [round2(a), round2(b), round2(c)];
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
