/**
 * The audit trail of a backend service (issue 16, ADR 0199–0202), in one import beside ServiceInfraModule:
 * every write under /api recorded when its answer is sent (actor, role, route, target, outcome), the
 * admin's `GET /api/audit`, and the retention purge. The service adds the `audit_entry` table with a
 * migration of its own that calls `createAuditTable`.
 */
import { Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { auditConfigFromEnv, type AuditConfig } from './audit.config';
import { AUDIT_CONFIG } from './audit.constants';
import { AuditController } from './audit.controller';
import { AuditPurge } from './audit-purge';
import { AuditRecorder } from './audit.recorder';
import { AuditRepository } from './audit.repository';

@Module({})
export class AuditModule implements NestModule {
  /** The configuration defaults to the environment (AUDIT_RETENTION_DAYS, AUDIT_PURGE_INTERVAL_MS). */
  static forRoot(config?: AuditConfig): DynamicModule {
    return {
      module: AuditModule,
      controllers: [AuditController],
      providers: [
        { provide: AUDIT_CONFIG, useFactory: () => config ?? auditConfigFromEnv() },
        AuditRepository,
        AuditRecorder,
        AuditPurge,
      ],
      exports: [AuditRepository],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(AuditRecorder).forRoutes('*');
  }
}
