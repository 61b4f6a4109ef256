/** Reads a service's Prometheus text (`GET /metrics`): memory, CPU and event-loop lag of its process. */
export type MetricSamples = Map<string, number>;

/** The first sample of every metric, by name without labels (the services label only by `service`). */
export async function scrapeMetrics(baseUrl: string): Promise<MetricSamples> {
  const response = await fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(5000) });
  if (!response.ok) throw new Error(`${baseUrl}/metrics answered ${response.status}`);
  const samples: MetricSamples = new Map();
  for (const line of (await response.text()).split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!match || samples.has(match[1])) continue;
    samples.set(match[1], Number(match[3]));
  }
  return samples;
}

export interface ProcessFigures {
  rssMiB: number;
  heapUsedMiB: number;
  cpuSeconds: number;
  /** Event-loop delay since the previous scrape (prom-client resets its histogram on every scrape), ms. */
  eventLoopLagP99Ms: number;
  eventLoopLagMaxMs: number;
}

const MiB = 1024 * 1024;

export function processFigures(samples: MetricSamples): ProcessFigures {
  const get = (name: string) => samples.get(`plass_${name}`) ?? Number.NaN;
  return {
    rssMiB: round(get('process_resident_memory_bytes') / MiB),
    heapUsedMiB: round(get('nodejs_heap_size_used_bytes') / MiB),
    cpuSeconds: round(get('process_cpu_seconds_total'), 2),
    eventLoopLagP99Ms: round(get('nodejs_eventloop_lag_p99_seconds') * 1000),
    eventLoopLagMaxMs: round(get('nodejs_eventloop_lag_max_seconds') * 1000),
  };
}

export async function readProcess(baseUrl: string): Promise<ProcessFigures> {
  return processFigures(await scrapeMetrics(baseUrl));
}

function round(value: number, decimals = 1): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
