import { metricsRegistry } from '@plass/observability';
import type { DataSource } from 'typeorm';
import { AlertMetrics } from './alert-metrics';
import type { AlertRepository } from './alert.repository';

describe(AlertMetrics.name, () => {
  it('shows the unresolved alerts by code, severity and status, every one from 0', async () => {
    const alerts = {
      countUnresolved: jest.fn(() =>
        Promise.resolve([
          { code: 'OVER_CAPACITY', status: 'open', count: 2 },
          { code: 'HOUSING_SHORTAGE', status: 'acknowledged', count: 1 },
        ]),
      ),
    };
    const metrics = new AlertMetrics({ manager: {} } as DataSource, alerts as unknown as AlertRepository);
    metrics.onModuleInit();
    try {
      const text = await metricsRegistry.getSingleMetricAsString('plass_alerts_unresolved');
      expect(text).toContain(
        'plass_alerts_unresolved{code="OVER_CAPACITY",severity="critical",status="open"} 2',
      );
      expect(text).toContain(
        'plass_alerts_unresolved{code="HOUSING_SHORTAGE",severity="warning",status="acknowledged"} 1',
      );
      expect(text).toContain(
        'plass_alerts_unresolved{code="STAY_OVER_NORM",severity="info",status="open"} 0',
      );
      expect(text.split('\n').filter((line) => line.startsWith('plass_alerts_unresolved{'))).toHaveLength(16);
    } finally {
      metrics.onModuleDestroy();
    }
    expect(await metricsRegistry.getSingleMetricAsString('plass_alerts_unresolved')).not.toContain('{');
  });
});
