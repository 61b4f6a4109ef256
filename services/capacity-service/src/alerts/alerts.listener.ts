/**
 * Evaluates the event-driven alerts inside the projection's transaction, for the scopes the batch
 * changed only: overcapacity of units and institutions, high occupancy of institutions and categories,
 * no availability of categories; resolves stale reports of units that reported, and stays over the
 * norm of units that discharged someone.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { CapacityChangedData } from '@plass/contracts';
import { isServiceCategoryCode, scopeKey, stayOverNormCutoff, type DistrictCode } from '@plass/domain';
import type { EntityManager } from 'typeorm';
import type { UnitState } from '../projection/project';
import type { AppliedBatch, ProjectionListener } from '../projection/projection-listeners';
import {
  categoryHighOccupancy,
  categoryNoAvailability,
  institutionHighOccupancy,
  institutionOverCapacity,
  institutionThreshold,
  resolveOnly,
  unitOverCapacity,
  unitStaleReport,
  unitScopeName,
  unitStaysOverNorm,
  type AlertEvaluation,
} from './alert-evaluation';
import { AlertEngine } from './alert-engine.service';
import { AlertRepository } from './alert.repository';
import { ALERTS_CONFIG, type AlertsConfig } from './alerts.config';

@Injectable()
export class AlertsListener implements ProjectionListener {
  readonly name = 'alerts';

  constructor(
    @Inject(AlertEngine) private readonly engine: AlertEngine,
    @Inject(AlertRepository) private readonly alerts: AlertRepository,
    @Inject(ALERTS_CONFIG) private readonly config: AlertsConfig,
  ) {}

  async onApplied(manager: EntityManager, batch: AppliedBatch): Promise<void> {
    const now = new Date();
    const evaluations: AlertEvaluation[] = [
      ...batch.after.flatMap((unit) => [
        unitOverCapacity(unit),
        // Any change or census is a report; only the scheduler raises stale reports.
        resolveOnly(unitStaleReport(unit, now, this.config.staleLimitMs(unit.category))),
      ]),
      ...(await this.staysAfterDischarges(manager, batch, now)),
      ...(await this.institutions(manager, batch)),
      ...batch.scopes
        .filter((s) => s.scope === 'category' && s.id !== null)
        .flatMap((category) => [
          categoryHighOccupancy(category, this.categoryThreshold(category)),
          categoryNoAvailability(category),
        ]),
    ];
    await this.engine.apply(manager, evaluations, now, batch.traceOf);
    await this.renames(manager, batch);
  }

  /** Open alerts of a renamed unit or institution show the new name. */
  private async renames(manager: EntityManager, batch: AppliedBatch): Promise<void> {
    const renamed = new Set(
      batch.events.filter((e) => e.data.change.kind === 'renamed').map((e) => e.subject),
    );
    if (renamed.size === 0) return;
    const units = batch.after.filter((u) => renamed.has(u.unitId));
    await this.alerts.renameScopes(manager, [
      ...units.map((u) => ({ scopeKey: scopeKey('unit', u.unitId), name: unitScopeName(u) })),
      ...units.map((u) => ({ scopeKey: scopeKey('institution', u.institutionId), name: u.institutionName })),
    ]);
  }

  /** A discharge (or closing the unit) may leave no stay over the norm: evaluate those units again. */
  private async staysAfterDischarges(
    manager: EntityManager,
    batch: AppliedBatch,
    now: Date,
  ): Promise<AlertEvaluation[]> {
    const dischargedStays = batch.events
      .filter((e) => e.data.change.kind === 'discharge' && e.data.change.stayId)
      .map((e) => e.data.change.stayId as string);
    const touched = new Set(
      batch.events.filter((e) => e.data.change.kind === 'discharge').map((e) => e.subject),
    );
    const units = batch.after.filter((u) => touched.has(u.unitId) || u.closed);
    if (units.length === 0) return [];
    // The stays listener may run before or after this one: leave this batch's discharges out explicitly.
    const over = await this.alerts.staysOverNorm(
      manager,
      units.map((u) => ({ unitId: u.unitId, admittedBefore: stayOverNormCutoff(u.category, now) })),
      dischargedStays,
    );
    return units.map((u) => {
      const stays = over.get(u.unitId);
      return unitStaysOverNorm(u, stays?.count ?? 0, stays?.oldestAdmittedAt ?? null);
    });
  }

  private async institutions(manager: EntityManager, batch: AppliedBatch): Promise<AlertEvaluation[]> {
    const institutions = batch.scopes.filter((s) => s.scope === 'institution' && s.id !== null);
    if (institutions.length === 0) return [];
    const districts = new Map<string, DistrictCode>();
    const remember = (u: UnitState) => districts.set(u.institutionId, u.districtCode);
    batch.before.forEach(remember);
    batch.after.forEach(remember);
    const categories = await this.alerts.institutionCategories(
      manager,
      institutions.map((i) => i.id as string),
    );
    return institutions.flatMap((institution) => {
      const id = institution.id as string;
      const district = districts.get(id) ?? null;
      const threshold = institutionThreshold(
        categories.get(id) ?? [],
        this.config.highOccupancyThreshold,
        this.config.defaultHighOccupancyThreshold,
      );
      return [
        institutionOverCapacity(institution, district),
        institutionHighOccupancy(institution, district, threshold),
      ];
    });
  }

  private categoryThreshold(category: CapacityChangedData): number {
    return isServiceCategoryCode(category.id)
      ? this.config.highOccupancyThreshold(category.id)
      : this.config.defaultHighOccupancyThreshold;
  }
}
