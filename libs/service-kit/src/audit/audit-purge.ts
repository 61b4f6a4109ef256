/**
 * Purges audit entries older than AUDIT_RETENTION_DAYS, every AUDIT_PURGE_INTERVAL_MS; an advisory lock
 * lets one replica purge at a time (ADR 0200).
 */
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { LOGGER, type Logger } from '@plass/observability';
import { PeriodicTask } from '../periodic-task';
import { AUDIT_CONFIG } from './audit.constants';
import type { AuditConfig } from './audit.config';
import { AuditRepository } from './audit.repository';

@Injectable()
export class AuditPurge implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly periodic: PeriodicTask;

  constructor(
    @Inject(AUDIT_CONFIG) private readonly config: AuditConfig,
    @Inject(AuditRepository) private readonly entries: AuditRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.periodic = new PeriodicTask({
      name: 'audit purge',
      intervalMs: config.purgeIntervalMs,
      task: async () => void (await this.runOnce()),
      logger,
    });
  }

  onApplicationBootstrap(): void {
    this.periodic.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.periodic.stop();
  }

  /** One purge; null when another replica held the lock. */
  async runOnce(): Promise<number | null> {
    const deleted = await this.entries.purge(this.config.retentionDays);
    if (deleted) {
      this.logger.info(
        { deleted, retentionDays: this.config.retentionDays },
        'audit entries past retention purged',
      );
    }
    return deleted;
  }
}
