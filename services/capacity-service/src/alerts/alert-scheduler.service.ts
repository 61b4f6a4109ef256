/**
 * Raises and resolves the time-based alerts: STALE_REPORT (no change and no census for longer than the
 * category's limit), STAY_OVER_NORM (open stays older than the category's normed maximum), and the
 * referral alerts of every district, REFERRAL_WAITING and OFFER_EXPIRING (ADR 0169), and every district's
 * HOUSING_SHORTAGE again (ADR 0172: raises the one alert per district after the per-type ones were folded,
 * and keeps its figures current should a housing batch have measured before another committed). Runs at
 * start and every ALERT_SCHEDULE_MS. Everything it needs is in PostgreSQL (unit_state.last_change_at,
 * stay, alert), so a restart loses nothing; an advisory lock lets one replica evaluate at a time, and
 * the units it evaluates are locked so a report arriving meanwhile is applied before or after, never between.
 */
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DISTRICT_CODES, SERVICE_CATEGORY_CODES, stayOverNormCutoff } from '@plass/domain';
import { PeriodicTask } from '@plass/service-kit';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import { emptyByType, supplyByDistrict } from '../housing/housing-projection';
import { HousingRepository } from '../housing/housing.repository';
import { LOGGER } from '../logger';
import { housingShortage, unitStaleReport, unitStaysOverNorm } from './alert-evaluation';
import { AlertEngine, type AlertChange } from './alert-engine.service';
import { AlertRepository } from './alert.repository';
import { ALERTS_CONFIG, type AlertsConfig } from './alerts.config';
import { ReferralAlerts } from './referral-alerts';

@Injectable()
export class AlertScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly periodic: PeriodicTask;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AlertRepository) private readonly alerts: AlertRepository,
    @Inject(AlertEngine) private readonly engine: AlertEngine,
    @Inject(ALERTS_CONFIG) private readonly config: AlertsConfig,
    @Inject(ReferralAlerts) private readonly referralAlerts: ReferralAlerts,
    @Inject(HousingRepository) private readonly housing: HousingRepository,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.periodic = new PeriodicTask({
      name: 'alert schedule',
      intervalMs: config.scheduleMs,
      task: async () => void (await this.evaluate()),
      logger,
    });
  }

  onApplicationBootstrap(): void {
    this.periodic.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.periodic.stop();
  }

  /** One evaluation; null when another replica holds the scheduler's lock. */
  async evaluate(now: Date = new Date()): Promise<AlertChange[] | null> {
    return await this.dataSource.transaction(async (manager) => {
      if (!(await this.alerts.tryLockScheduler(manager))) return null;
      return [
        ...(await this.evaluateUnits(manager, now)),
        ...(await this.referralAlerts.evaluate(manager, now)),
        ...(await this.evaluateHousing(manager, now)),
      ];
    });
  }

  /** Every district's housing shortage, from the housing read model's counts (15 districts: cheap). */
  private async evaluateHousing(manager: EntityManager, now: Date): Promise<AlertChange[]> {
    const { statusCounts, needCounts } = await this.housing.counts(manager, null);
    const supply = supplyByDistrict(statusCounts, needCounts);
    return await this.engine.apply(
      manager,
      DISTRICT_CODES.map((code) => housingShortage(code, supply.get(code) ?? emptyByType())),
      now,
    );
  }

  private async evaluateUnits(manager: EntityManager, now: Date): Promise<AlertChange[]> {
    const candidates = await this.alerts.scheduleCandidates(
      manager,
      SERVICE_CATEGORY_CODES.map((category) => ({
        category,
        before: new Date(now.getTime() - this.config.staleLimitMs(category)),
      })),
      SERVICE_CATEGORY_CODES.map((category) => ({ category, before: stayOverNormCutoff(category, now) })),
    );
    if (candidates.length === 0) return [];
    // Units the projection is changing right now are skipped: their batch decides, or the next run.
    const units = await this.alerts.lockUnitsSkipLocked(manager, candidates);
    const over = await this.alerts.staysOverNorm(
      manager,
      units.map((u) => ({ unitId: u.unitId, admittedBefore: stayOverNormCutoff(u.category, now) })),
    );
    return await this.engine.apply(
      manager,
      units.flatMap((unit) => {
        const stays = over.get(unit.unitId);
        return [
          unitStaleReport(unit, now, this.config.staleLimitMs(unit.category)),
          unitStaysOverNorm(unit, stays?.count ?? 0, stays?.oldestAdmittedAt ?? null),
        ];
      }),
      now,
    );
  }
}
