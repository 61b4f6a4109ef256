/** The gateway's merged audit trail, `GET /api/audit` (ADR 0202). */
import { Module, type DynamicModule } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { AuditLogController } from './audit-log.controller';
import { AuditSources } from './audit-sources';

@Module({})
export class AuditLogModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: AuditLogModule,
      controllers: [AuditLogController],
      providers: [{ provide: GATEWAY_CONFIG, useValue: config }, AuditSources],
    };
  }
}
