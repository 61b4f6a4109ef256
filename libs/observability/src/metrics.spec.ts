import { Counter } from 'prom-client';
import {
  collectDefaultMetricsOnce,
  counter,
  gauge,
  histogram,
  metricsRegistry,
  scrapedGauge,
} from './metrics';

describe('metrics helpers', () => {
  it('returns the registered counter when a name is declared twice', async () => {
    const first = counter('plass_test_admissions_total', 'Admissions', ['category']);
    const second = counter('plass_test_admissions_total', 'Admissions', ['category']);
    expect(second).toBe(first);
    second.inc({ category: 'acute' });
    expect(await metricsRegistry.getSingleMetricAsString('plass_test_admissions_total')).toContain(
      'plass_test_admissions_total{category="acute"} 1',
    );
  });

  it('returns the registered histogram and gauge when declared twice', () => {
    expect(histogram('plass_test_relay_seconds', 'Relay', [], [0.1, 1])).toBe(
      histogram('plass_test_relay_seconds', 'Relay', [], [0.1, 1]),
    );
    expect(gauge('plass_test_outbox_pending', 'Pending')).toBe(gauge('plass_test_outbox_pending', 'Pending'));
  });

  it('refuses a name already registered as another kind of metric', () => {
    counter('plass_test_events_total', 'Events');
    expect(() => gauge('plass_test_events_total', 'Events')).toThrow(
      /already registered as another kind than Gauge/,
    );
  });

  it('returns a metric created directly with prom-client in the shared registry', () => {
    const direct = new Counter({ name: 'plass_test_direct_total', help: 'Direct' });
    expect(counter('plass_test_direct_total', 'Direct')).toBe(direct);
  });

  it('collects the default process metrics once, prefixed and labelled with the service', async () => {
    collectDefaultMetricsOnce('housing-service');
    collectDefaultMetricsOnce('housing-service');
    expect(await metricsRegistry.metrics()).toMatch(
      /^plass_process_cpu_user_seconds_total\{service="housing-service"\} /m,
    );
  });

  describe(scrapedGauge.name, () => {
    const scrape = () => metricsRegistry.getSingleMetricAsString('plass_test_backlog_messages');

    it('reads its sources at every scrape and sums them by labels', async () => {
      let pending = 3;
      const backlog = scrapedGauge('plass_test_backlog_messages', 'Backlog', ['table']);
      const remove = backlog.add(() => [{ labels: { table: 'outbox' }, value: pending }]);
      const removeOther = backlog.add(() => Promise.resolve([{ labels: { table: 'outbox' }, value: 2 }]));
      expect(await scrape()).toContain('plass_test_backlog_messages{table="outbox"} 5');
      pending = 0;
      removeOther();
      expect(await scrape()).toContain('plass_test_backlog_messages{table="outbox"} 0');
      remove();
      expect(await scrape()).not.toContain('table="outbox"');
    });

    it('returns the same gauge when declared twice', () => {
      expect(scrapedGauge('plass_test_backlog_messages', 'Backlog', ['table']).gauge).toBe(
        scrapedGauge('plass_test_backlog_messages', 'Backlog', ['table']).gauge,
      );
    });

    it('serves the scrape without a source that fails or is late, and never reads a slow one twice at once', async () => {
      const backlog = scrapedGauge('plass_test_slow_messages', 'Slow', [], 50);
      let reads = 0;
      let finish: (samples: { value: number }[]) => void = () => undefined;
      const removeSlow = backlog.add(() => {
        reads += 1;
        return new Promise((resolve) => (finish = resolve));
      });
      const removeFailing = backlog.add(() => Promise.reject(new Error('connection refused')));
      const text = () => metricsRegistry.getSingleMetricAsString('plass_test_slow_messages');
      expect(await text()).toMatch(/^plass_test_slow_messages nan$/im);
      expect(await text()).toMatch(/^plass_test_slow_messages nan$/im);
      expect(reads).toBe(1);
      finish([{ value: 7 }]);
      removeFailing();
      expect(await text()).toMatch(/^plass_test_slow_messages 7$/m);
      removeSlow();
    });
  });
});
