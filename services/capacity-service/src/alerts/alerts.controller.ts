import { Controller, Inject, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { CurrentUser, type AuthUser } from '@plass/auth';
import { acknowledgeAlert, getAlert, listAlerts, type AlertData, type AlertDetail } from '@plass/contracts';
import { ContractRoute, queryDto } from '@plass/observability';
import { invalidQuery, parseInstant } from '../reports/period';
import { AlertsService } from './alerts.service';

class AlertsQuery extends queryDto(listAlerts) {}

@Controller()
export class AlertsController {
  constructor(@Inject(AlertsService) private readonly alerts: AlertsService) {}

  @ContractRoute(listAlerts)
  list(@Query() query: AlertsQuery): Promise<AlertData[]> {
    const from = query.from === undefined ? undefined : new Date(parseInstant(query.from, 'from'));
    const to = query.to === undefined ? undefined : new Date(parseInstant(query.to, 'to'));
    if (from && to && from >= to) throw invalidQuery(`from (${query.from}) must be before to (${query.to})`);
    return this.alerts.list({
      statuses: query.status,
      codes: query.code ?? [],
      scopeKey: query.scope,
      from,
      to,
      limit: query.limit,
      offset: query.offset,
    });
  }

  @ContractRoute(getAlert)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<AlertDetail> {
    return this.alerts.get(id);
  }

  @ContractRoute(acknowledgeAlert)
  acknowledge(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthUser): Promise<AlertData> {
    return this.alerts.acknowledge(id, user);
  }
}
