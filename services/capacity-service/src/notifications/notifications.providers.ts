/** The notifications module's providers for AppModule (ADR 0175). */
import type { Provider } from '@nestjs/common';
import { NotificationRepository } from './notification.repository';
import { NotificationOutbox } from './notification-outbox';
import { NOTIFICATION_SENDER, NotificationSender } from './notification-sender';
import { NotificationWorker } from './notification-worker.service';
import { loadNotificationsConfig, NOTIFICATIONS_CONFIG } from './notifications.config';
import { NotificationsService } from './notifications.service';

export const NOTIFICATION_PROVIDERS: Provider[] = [
  { provide: NOTIFICATIONS_CONFIG, useFactory: () => loadNotificationsConfig() },
  NotificationRepository,
  NotificationOutbox,
  { provide: NOTIFICATION_SENDER, useClass: NotificationSender },
  NotificationWorker,
  NotificationsService,
];
