/** The REST side of the alerts: listing, one alert with its history, and acknowledging. */
import { Inject, Injectable } from '@nestjs/common';
import type { AuthUser } from '@plass/auth';
import type { AlertData, AlertDetail } from '@plass/contracts';
import { mayAcknowledge } from '@plass/domain';
import { DataSource } from 'typeorm';
import { AlertEngine } from './alert-engine.service';
import { AlertException } from './alert.exception';
import { AlertRepository, type AlertFilter } from './alert.repository';

@Injectable()
export class AlertsService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AlertRepository) private readonly alerts: AlertRepository,
    @Inject(AlertEngine) private readonly engine: AlertEngine,
  ) {}

  list(filter: AlertFilter): Promise<AlertData[]> {
    return this.alerts.list(this.dataSource.manager, filter);
  }

  async get(id: string): Promise<AlertDetail> {
    const m = this.dataSource.manager;
    const alert = await this.alerts.find(m, id);
    if (!alert) throw new AlertException('ALERT_NOT_FOUND', `no alert has the id ${id}`);
    return { ...alert, history: await this.alerts.history(m, id) };
  }

  acknowledge(id: string, user: AuthUser): Promise<AlertData> {
    return this.dataSource.transaction((manager) =>
      this.engine.acknowledge(manager, id, user.sub, (alert) => mayAcknowledge(user, alert), new Date()),
    );
  }
}
