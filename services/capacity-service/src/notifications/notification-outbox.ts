/**
 * The hook the alert engine calls inside the transaction that stores an alert transition: one pending
 * delivery per matching subscription, so a delivery exists exactly when the alert commits (ADR 0175).
 */
import { Inject, Injectable } from '@nestjs/common';
import type { AlertData, AlertTransition } from '@plass/contracts';
import type { EntityManager } from 'typeorm';
import { NotificationRepository } from './notification.repository';

/** Raised and resolved alerts go out; an acknowledgement is the dashboard's business. */
const NOTIFIED: readonly AlertTransition[] = ['raised', 'resolved'];

@Injectable()
export class NotificationOutbox {
  constructor(@Inject(NotificationRepository) private readonly repository: NotificationRepository) {}

  async enqueue(
    manager: EntityManager,
    changes: readonly { alert: AlertData; transition: AlertTransition }[],
  ): Promise<void> {
    const notified = changes.filter((c) => NOTIFIED.includes(c.transition));
    if (notified.length > 0) await this.repository.enqueue(manager, notified);
  }
}
