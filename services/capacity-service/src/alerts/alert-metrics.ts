/**
 * `plass_alerts_unresolved{code, severity, status}`: the alerts not yet resolved, read from the alert
 * table at scrape time (the partial unique index on unresolved alerts answers it), every code and status
 * from 0 so an alert rule sees a rise from nothing (ADR 0140).
 */
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ALERT_CODES, ALERT_SEVERITY } from '@plass/domain';
import { scrapedGauge, type GaugeSample } from '@plass/observability';
import { DataSource } from 'typeorm';
import { AlertRepository } from './alert.repository';

type Label = 'code' | 'severity' | 'status';

const unresolvedAlerts = () =>
  scrapedGauge<Label>(
    'plass_alerts_unresolved',
    'Alerts raised and not yet resolved, by code, severity and status (open or acknowledged)',
    ['code', 'severity', 'status'],
  );

@Injectable()
export class AlertMetrics implements OnModuleInit, OnModuleDestroy {
  private remove: (() => void) | null = null;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AlertRepository) private readonly alerts: AlertRepository,
  ) {}

  onModuleInit(): void {
    this.remove = unresolvedAlerts().add(() => this.read());
  }

  onModuleDestroy(): void {
    this.remove?.();
  }

  async read(): Promise<GaugeSample<Label>[]> {
    const counts = await this.alerts.countUnresolved(this.dataSource.manager);
    return ALERT_CODES.flatMap((code) =>
      (['open', 'acknowledged'] as const).map((status) => ({
        labels: { code, severity: ALERT_SEVERITY[code], status },
        value: counts.find((c) => c.code === code && c.status === status)?.count ?? 0,
      })),
    );
  }
}
