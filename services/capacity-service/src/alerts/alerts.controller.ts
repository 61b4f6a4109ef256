import { Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '@plass/auth';
import type { AlertData, AlertDetailDto } from '@plass/contracts';
import { ListAlertsQuery } from './dto/list-alerts.query';
import { AlertsService } from './alerts.service';

@ApiTags('alerts')
@ApiBearerAuth()
@Controller('api/capacity/alerts')
export class AlertsController {
  constructor(@Inject(AlertsService) private readonly alerts: AlertsService) {}

  @Get()
  @ApiOperation({ summary: 'Alerts, newest first; by default the unresolved ones (any authenticated role).' })
  list(@Query() query: ListAlertsQuery): Promise<AlertData[]> {
    return this.alerts.list({
      statuses: query.status ?? ['open', 'acknowledged'],
      codes: query.code ?? [],
      scopeKey: query.scope,
      limit: query.limit ?? 100,
    });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One alert with the history of its transitions.' })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<AlertDetailDto> {
    return this.alerts.get(id);
  }

  @Post(':id/ack')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Acknowledges an alert as the signed-in person. 409 when already resolved; acknowledging again changes nothing.',
  })
  acknowledge(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthUser): Promise<AlertData> {
    return this.alerts.acknowledge(id, user);
  }
}
