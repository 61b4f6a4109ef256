import { Controller, Inject, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { CurrentUser, type AuthUser } from '@plass/auth';
import { acknowledgeAlert, getAlert, listAlerts, type AlertData, type AlertDetail } from '@plass/contracts';
import { ContractRoute, queryDto } from '@plass/observability';
import { AlertsService } from './alerts.service';

class AlertsQuery extends queryDto(listAlerts) {}

@Controller()
export class AlertsController {
  constructor(@Inject(AlertsService) private readonly alerts: AlertsService) {}

  @ContractRoute(listAlerts)
  list(@Query() query: AlertsQuery): Promise<AlertData[]> {
    return this.alerts.list({
      statuses: query.status,
      codes: query.code ?? [],
      scopeKey: query.scope,
      limit: query.limit,
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
