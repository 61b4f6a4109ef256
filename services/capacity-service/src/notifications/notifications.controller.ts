import { Body, Controller, Inject, Param, ParseUUIDPipe } from '@nestjs/common';
import { CurrentUser, Roles, type AuthUser } from '@plass/auth';
import {
  createEmailSubscription,
  createWebhook,
  deleteEmailSubscription,
  deleteWebhook,
  listEmailSubscriptions,
  listWebhookDeliveries,
  listWebhooks,
  type EmailSubscription,
  type Webhook,
  type WebhookDelivery,
} from '@plass/contracts';
import { bodyDto, ContractRoute } from '@plass/observability';
import { NotificationsService } from './notifications.service';

class CreateWebhookDto extends bodyDto(createWebhook) {}
class CreateEmailDto extends bodyDto(createEmailSubscription) {}

const WEBHOOK_ROLES = ['intake', 'admin', 'district-staff'] as const;

@Controller()
export class NotificationsController {
  constructor(@Inject(NotificationsService) private readonly notifications: NotificationsService) {}

  @ContractRoute(createWebhook)
  @Roles(...WEBHOOK_ROLES)
  createWebhook(@Body() body: CreateWebhookDto, @CurrentUser() user: AuthUser): Promise<{ id: string }> {
    return this.notifications.createWebhook(user, body);
  }

  @ContractRoute(listWebhooks)
  @Roles(...WEBHOOK_ROLES)
  listWebhooks(@CurrentUser() user: AuthUser): Promise<Webhook[]> {
    return this.notifications.listWebhooks(user);
  }

  @ContractRoute(deleteWebhook)
  @Roles(...WEBHOOK_ROLES)
  deleteWebhook(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthUser): Promise<void> {
    return this.notifications.deleteWebhook(user, id);
  }

  @ContractRoute(listWebhookDeliveries)
  @Roles(...WEBHOOK_ROLES)
  deliveries(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: AuthUser,
  ): Promise<WebhookDelivery[]> {
    return this.notifications.deliveries(user, id);
  }

  @ContractRoute(createEmailSubscription)
  createEmail(@Body() body: CreateEmailDto, @CurrentUser() user: AuthUser): Promise<{ id: string }> {
    return this.notifications.createEmail(user, body);
  }

  @ContractRoute(listEmailSubscriptions)
  listEmail(@CurrentUser() user: AuthUser): Promise<EmailSubscription[]> {
    return this.notifications.listEmail(user);
  }

  @ContractRoute(deleteEmailSubscription)
  deleteEmail(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthUser): Promise<void> {
    return this.notifications.deleteEmail(user, id);
  }
}
