import { Counter } from 'prom-client';
import { collectDefaultMetricsOnce, counter, gauge, histogram, metricsRegistry } from './metrics';

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
});
