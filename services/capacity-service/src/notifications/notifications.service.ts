/** The REST side of notifications: subscriptions within the caller's role, and the delivery log. */
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { AuthUser } from '@plass/auth';
import type {
  CreateEmailSubscriptionBody,
  CreateWebhookBody,
  EmailSubscription,
  NotificationScope,
  Webhook,
  WebhookDelivery,
} from '@plass/contracts';
import { problem } from '@plass/observability';
import { DataSource } from 'typeorm';
import { NotificationRepository } from './notification.repository';
import {
  emailScopeFor,
  mayManageWebhook,
  scopeShapeProblem,
  subscriptionScopeKey,
  webhookScopeFor,
  webhookUrlProblem,
  type ScopeDecision,
} from './notification-rules';
import { NOTIFICATIONS_CONFIG, type NotificationsConfig } from './notifications.config';

function checkedScope(decision: ScopeDecision): NotificationScope {
  if (!decision.ok) {
    throw problem(403, 'Scope not allowed', decision.detail, { code: 'NOTIFICATION_SCOPE_NOT_ALLOWED' });
  }
  const shape = scopeShapeProblem(decision.scope);
  if (shape) throw problem(400, 'Invalid scope', shape);
  return decision.scope;
}

const notFound = (id: string) =>
  problem(404, 'Subscription not found', `no subscription of yours has the id ${id}`, {
    code: 'SUBSCRIPTION_NOT_FOUND',
  });

const sameCodes = <T>(codes: T[]): T[] => [...new Set(codes)];

@Injectable()
export class NotificationsService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(NotificationRepository) private readonly repository: NotificationRepository,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  async createWebhook(user: AuthUser, body: CreateWebhookBody): Promise<{ id: string }> {
    const scope = checkedScope(webhookScopeFor(user, body.scope));
    const urlProblem = webhookUrlProblem(body.url, this.config.production);
    if (urlProblem) throw problem(400, 'Invalid webhook URL', urlProblem, { code: 'INVALID_WEBHOOK_URL' });
    const id = randomUUID();
    const byDistrict = !user.roles.includes('admin') && !user.roles.includes('intake');
    await this.repository.insertSubscription(this.dataSource.manager, {
      id,
      kind: 'webhook',
      ownerSub: user.sub,
      districtCode: byDistrict ? user.districtCode : null,
      url: body.url,
      secret: body.secret,
      codes: sameCodes(body.codes),
      scope,
      scopeKey: subscriptionScopeKey(scope),
    });
    return { id };
  }

  listWebhooks(user: AuthUser): Promise<Webhook[]> {
    const all = user.roles.includes('admin') || user.roles.includes('intake');
    return this.repository.webhooks(
      this.dataSource.manager,
      all ? undefined : (user.districtCode ?? undefined),
    );
  }

  private async manageableWebhook(user: AuthUser, id: string): Promise<void> {
    const found = await this.repository.findSubscription(this.dataSource.manager, 'webhook', id);
    if (!found) throw notFound(id);
    if (!mayManageWebhook(user, found.districtCode)) {
      throw problem(403, 'Forbidden', `webhook ${id} belongs to another district`);
    }
  }

  async deleteWebhook(user: AuthUser, id: string): Promise<void> {
    await this.manageableWebhook(user, id);
    await this.repository.deleteSubscription(this.dataSource.manager, id);
  }

  async deliveries(user: AuthUser, id: string): Promise<WebhookDelivery[]> {
    await this.manageableWebhook(user, id);
    return this.repository.deliveries(this.dataSource.manager, id);
  }

  async createEmail(user: AuthUser, body: CreateEmailSubscriptionBody): Promise<{ id: string }> {
    const scope = checkedScope(emailScopeFor(user, body.scope));
    const id = randomUUID();
    await this.repository.insertSubscription(this.dataSource.manager, {
      id,
      kind: 'email',
      ownerSub: user.sub,
      districtCode: user.districtCode,
      address: body.address,
      codes: sameCodes(body.codes),
      scope,
      scopeKey: subscriptionScopeKey(scope),
    });
    return { id };
  }

  listEmail(user: AuthUser): Promise<EmailSubscription[]> {
    return this.repository.emailSubscriptions(this.dataSource.manager, user.sub);
  }

  async deleteEmail(user: AuthUser, id: string): Promise<void> {
    const found = await this.repository.findSubscription(this.dataSource.manager, 'email', id);
    if (!found || found.ownerSub !== user.sub) throw notFound(id);
    await this.repository.deleteSubscription(this.dataSource.manager, id);
  }
}
