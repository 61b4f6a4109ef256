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
