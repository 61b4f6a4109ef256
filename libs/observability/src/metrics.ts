/** Prometheus metrics: the one registry `GET /metrics` serves, and idempotent metric constructors. */
import { Counter, Gauge, Histogram, collectDefaultMetrics, register } from 'prom-client';
import type { Metric } from 'prom-client';

/**
 * prom-client's default registry, so a metric created anywhere in the process with plain
 * `new Counter(...)` is served too.
 */
export const metricsRegistry = register;

export const METRIC_PREFIX = 'plass_';

/** Process and Node.js metrics (`plass_process_*`, `plass_nodejs_*`), labelled with the service; once per process. */
export function collectDefaultMetricsOnce(service: string): void {
  if (metricsRegistry.getSingleMetric(`${METRIC_PREFIX}process_cpu_user_seconds_total`)) return;
  collectDefaultMetrics({ register: metricsRegistry, prefix: METRIC_PREFIX, labels: { service } });
}

function existing<M extends Metric<string>>(
  name: string,
  kind: abstract new (...args: never[]) => M,
): M | undefined {
  const metric = metricsRegistry.getSingleMetric(name);
  if (metric === undefined) return undefined;
  if (metric instanceof kind) return metric;
  throw new Error(`metric "${name}" is already registered as another kind than ${kind.name}`);
}

/**
 * A counter; called again with the same name it returns the metric already registered
 * (prom-client throws on duplicates), so modules and tests may declare it more than once.
 */
export function counter<T extends string>(
  name: string,
  help: string,
  labelNames: readonly T[] = [],
): Counter<T> {
  return (
    (existing(name, Counter) as Counter<T> | undefined) ??
    new Counter<T>({ name, help, labelNames, registers: [metricsRegistry] })
  );
}

/** A histogram (seconds, prom-client's default buckets unless given); idempotent like `counter`. */
export function histogram<T extends string>(
  name: string,
  help: string,
  labelNames: readonly T[] = [],
  buckets?: number[],
): Histogram<T> {
  return (
    (existing(name, Histogram) as Histogram<T> | undefined) ??
    new Histogram<T>({
      name,
      help,
      labelNames,
      registers: [metricsRegistry],
      ...(buckets ? { buckets } : {}),
    })
  );
}

/** A gauge; idempotent like `counter`. */
export function gauge<T extends string>(name: string, help: string, labelNames: readonly T[] = []): Gauge<T> {
  return (
    (existing(name, Gauge) as Gauge<T> | undefined) ??
    new Gauge<T>({ name, help, labelNames, registers: [metricsRegistry] })
  );
}

/** `plass_http_request_duration_seconds{method, route, status}`, recorded for every HTTP request. */
export function httpRequestDuration(): Histogram<'method' | 'route' | 'status'> {
  return histogram('plass_http_request_duration_seconds', 'Duration of HTTP requests in seconds', [
    'method',
    'route',
    'status',
  ]);
}

/** One value of a gauge read at scrape time. */
export interface GaugeSample<T extends string> {
  labels?: Partial<Record<T, string | number>>;
  value: number;
}

/** Where a scraped gauge reads its values: a database query, a socket server's size. */
export type GaugeSource<T extends string> = () => GaugeSample<T>[] | Promise<GaugeSample<T>[]>;

/** How long a scrape waits for one source before it serves the gauge without that source's values. */
export const SCRAPE_SOURCE_TIMEOUT_MS = 2000;

interface ScrapedGauge<T extends string> {
  gauge: Gauge<T>;
  sources: Set<GaugeSource<T>>;
  /** The read under way per source: a slow source is never read twice at once. */
  inFlight: Map<GaugeSource<T>, Promise<GaugeSample<T>[]>>;
}

const scraped = new Map<string, ScrapedGauge<string>>();

/**
 * A gauge whose values are read when `/metrics` is scraped, from every source added with the returned
 * `add` (which gives back its removal). Sources of one process are summed by labels. A source that fails,
 * or takes longer than `timeoutMs`, adds nothing to that scrape (its series are absent, not stale; a gauge
 * without labels shows NaN) and is not read again before its earlier read has ended; the rest of
 * `/metrics` is served as usual.
 */
export function scrapedGauge<T extends string>(
  name: string,
  help: string,
  labelNames: readonly T[] = [],
  timeoutMs = SCRAPE_SOURCE_TIMEOUT_MS,
): { gauge: Gauge<T>; add: (source: GaugeSource<T>) => () => void } {
  let entry = scraped.get(name) as ScrapedGauge<T> | undefined;
  if (!entry) {
    if (metricsRegistry.getSingleMetric(name)) throw new Error(`metric "${name}" is already registered`);
    const sources = new Set<GaugeSource<T>>();
    const inFlight = new Map<GaugeSource<T>, Promise<GaugeSample<T>[]>>();
    const gauge = new Gauge<T>({
      name,
      help,
      labelNames,
      registers: [metricsRegistry],
      async collect() {
        const results = await Promise.all(
          [...sources].map((source) => readSource(source, inFlight, timeoutMs)),
        );
        this.reset();
        for (const sample of results.flatMap((r) => r ?? [])) this.inc(sample.labels ?? {}, sample.value);
        // Without labels prom-client always serves a value (0 after a reset): say "unknown", not "none".
        if (labelNames.length === 0 && results.includes(null)) this.set(NaN);
      },
    });
    entry = { gauge, sources, inFlight };
    scraped.set(name, entry);
  }
  const { gauge, sources, inFlight } = entry;
  return {
    gauge,
    add(source) {
      sources.add(source);
      return () => {
        sources.delete(source);
        inFlight.delete(source);
      };
    },
  };
}

async function readSource<T extends string>(
  source: GaugeSource<T>,
  inFlight: Map<GaugeSource<T>, Promise<GaugeSample<T>[]>>,
  timeoutMs: number,
): Promise<GaugeSample<T>[] | null> {
  let read = inFlight.get(source);
  if (!read) {
    read = Promise.resolve()
      .then(source)
      .finally(() => inFlight.delete(source));
    inFlight.set(source, read);
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
    timer.unref();
  });
  try {
    return await Promise.race([read.catch(() => null), late]);
  } finally {
    clearTimeout(timer);
  }
}
