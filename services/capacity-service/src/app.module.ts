import { Module, type DynamicModule } from '@nestjs/common';
import { AuditModule, ServiceInfraModule } from '@plass/service-kit';
import { AlertEngine } from './alerts/alert-engine.service';
import { AlertMetrics } from './alerts/alert-metrics';
import { alertProblem } from './alerts/alert-problem';
import { AlertScheduler } from './alerts/alert-scheduler.service';
import { ReferralAlerts } from './alerts/referral-alerts';
import { AlertRepository } from './alerts/alert.repository';
import { AlertsController } from './alerts/alerts.controller';
import { ALERTS_CONFIG, loadAlertsConfig } from './alerts/alerts.config';
import { AlertsListener } from './alerts/alerts.listener';
import { AlertsService } from './alerts/alerts.service';
import { CAPACITY_CONFIG, type CapacityConfig } from './config';
import { FinancingController } from './financing/financing.controller';
import { FinancingService } from './financing/financing.service';
import { PurchaseProjectionService } from './financing/purchase-projection.service';
import { PurchaseRepository } from './financing/purchase.repository';
import { ForecastController } from './forecast/forecast.controller';
import { ForecastRepository } from './forecast/forecast.repository';
import { ForecastService } from './forecast/forecast.service';
import { HistoryController } from './history/history.controller';
import { HistoryListener } from './history/history.listener';
import { HistoryRepository } from './history/history.repository';
import { HistoryService } from './history/history.service';
import { DemandController } from './demand/demand.controller';
import { DemandRepository } from './demand/demand.repository';
import { DemandService } from './demand/demand.service';
import { ReferralProjectionService } from './demand/referral-projection.service';
import { ReferralRepository } from './demand/referral.repository';
import { HousingReadService } from './housing/housing-read.service';
import { HousingProjectionService } from './housing/housing-projection.service';
import { HousingController } from './housing/housing.controller';
import { HousingRepository } from './housing/housing.repository';
import { IndicatorsController } from './indicators/indicators.controller';
import { IndicatorsRepository } from './indicators/indicators.repository';
import { IndicatorsService } from './indicators/indicators.service';
import { logger, SERVICE_NAME } from './logger';
import { UnitListController } from './maintenance/unit-list.controller';
import { UnitListRepository } from './maintenance/unit-list.repository';
import { Initial1763900000000 } from './migrations/1763900000000-initial';
import { Stays1763910000000 } from './migrations/1763910000000-stays';
import { Housing1763920000000 } from './migrations/1763920000000-housing';
import { Referrals1763950000000 } from './migrations/1763950000000-referrals';
import { Alerts1763920000001 } from './migrations/1763920000001-alerts';
import { ScopeHistory1763930000000 } from './migrations/1763930000000-scope-history';
import { ScopeHistoryOneIndex1763940000000 } from './migrations/1763940000000-scope-history-one-index';
import { UnitFeatures1765400000000 } from './migrations/1765400000000-unit-features';
import { ReferralOffers1766000000000 } from './migrations/1766000000000-referral-offers';
import { FreePlaces1767000000000 } from './migrations/1767000000000-free-places';
import { AlertUpdates1767000000001 } from './migrations/1767000000001-alert-updates';
import { Notifications1767100000000 } from './migrations/1767100000000-notifications';
import { HistoryFreePlaces1767400000000 } from './migrations/1767400000000-history-free-places';
import { AuditEntry1767500300000 } from './migrations/1767500300000-audit-entry';
import { OccupancyEventEffectiveAt1767600100000 } from './migrations/1767600100000-occupancy-event-effective-at';
import { Purchases1767600400000 } from './migrations/1767600400000-purchases';
import { NotificationsController } from './notifications/notifications.controller';
import { NOTIFICATION_PROVIDERS } from './notifications/notifications.providers';
import { OccupancyProjectionService } from './projection/occupancy-projection.service';
import { PROJECTION_LISTENERS, type ProjectionListener } from './projection/projection-listeners';
import { ProjectionRepository } from './projection/projection.repository';
import { CapacityReadService } from './read-model/capacity-read.service';
import { CapacityController } from './read-model/capacity.controller';
import { UtilizationController } from './reports/utilization.controller';
import { UtilizationRepository } from './reports/utilization.repository';
import { UtilizationService } from './reports/utilization.service';
import { SnapshotCache } from './snapshot/snapshot.cache';
import { StaysListener } from './stays/stays.listener';
import { ResidentsController } from './stays/residents.controller';
import { ResidentsRepository } from './stays/residents.repository';
import { ResidentsService } from './stays/residents.service';

/** The service for a configuration loaded at boot (main.ts): importing this file reads no environment. */
@Module({})
export class AppModule {
  static forRoot(config: CapacityConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceInfraModule.forRoot({
          name: SERVICE_NAME,
          logger,
          translateError: alertProblem,
          database: {
            serverUrl: config.databaseUrl,
            database: config.database,
            entities: [],
            migrations: [
              Initial1763900000000,
              Stays1763910000000,
              Housing1763920000000,
              Alerts1763920000001,
              ScopeHistory1763930000000,
              ScopeHistoryOneIndex1763940000000,
              Referrals1763950000000,
              UnitFeatures1765400000000,
              ReferralOffers1766000000000,
              FreePlaces1767000000000,
              AlertUpdates1767000000001,
              Notifications1767100000000,
              HistoryFreePlaces1767400000000,
              AuditEntry1767500300000,
              OccupancyEventEffectiveAt1767600100000,
              Purchases1767600400000,
            ],
          },
          outboxPollMs: config.outboxPollMs,
        }),
        AuditModule.forRoot(),
      ],
      controllers: [
        CapacityController,
        AlertsController,
        HousingController,
        HistoryController,
        UtilizationController,
        DemandController,
        IndicatorsController,
        ForecastController,
        UnitListController,
        NotificationsController,
        ResidentsController,
        FinancingController,
      ],
      providers: [
        { provide: CAPACITY_CONFIG, useValue: config },
        ProjectionRepository,
        SnapshotCache,
        CapacityReadService,
        OccupancyProjectionService,
        StaysListener,
        { provide: ALERTS_CONFIG, useFactory: () => loadAlertsConfig() },
        AlertRepository,
        AlertMetrics,
        AlertEngine,
        AlertsListener,
        AlertScheduler,
        ReferralAlerts,
        AlertsService,
        HousingRepository,
        HousingProjectionService,
        HousingReadService,
        ReferralRepository,
        ReferralProjectionService,
        DemandRepository,
        DemandService,
        HistoryRepository,
        HistoryListener,
        HistoryService,
        {
          // The projection's steps after the read model, in this order, inside its transaction; the
          // snapshot cache follows the commit (see OccupancyProjectionService). Stays come before alerts:
          // stays over the norm are counted from the stay table.
          provide: PROJECTION_LISTENERS,
          useFactory: (
            history: HistoryListener,
            stays: StaysListener,
            alerts: AlertsListener,
          ): ProjectionListener[] => [history, stays, alerts],
          inject: [HistoryListener, StaysListener, AlertsListener],
        },
        UtilizationRepository,
        UtilizationService,
        IndicatorsRepository,
        IndicatorsService,
        ForecastRepository,
        ForecastService,
        UnitListRepository,
        ...NOTIFICATION_PROVIDERS,
        ResidentsRepository,
        ResidentsService,
        PurchaseRepository,
        PurchaseProjectionService,
        FinancingService,
      ],
    };
  }
}
