/**
 * Applies alert evaluations inside the caller's transaction: reads the conditions' unresolved alerts
 * (locked), lets each rule decide, updates an unresolved alert whose figures changed (ADR 0172: `updated`),
 * and writes every transition as the alert row, a history row and an
 * outbox message, so an alert changes exactly when the state that caused it commits.
 */
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import type { AlertData, AlertTransition } from '@plass/contracts';
import { acknowledgeTransition, type AlertCode } from '@plass/domain';
import { enqueueOutbox } from '@plass/messaging';
import { boundTrace, counter, traceLogFields, type TraceCarrier } from '@plass/observability';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { LOGGER } from '../logger';
import { conditionKey, figuresChanged, type AlertEvaluation, type Measured } from './alert-evaluation';
import { NotificationOutbox } from '../notifications/notification-outbox';
import { alertMessage } from './alert-message';
import { AlertException } from './alert.exception';
import { AlertRepository } from './alert.repository';

export interface AlertChange {
  transition: AlertTransition;
  alert: AlertData;
  /** What was measured at the transition (the alert's own values for an acknowledgement). */
  measured: Measured;
  /** Who made it: the token subject for an acknowledgement, null for the system. */
  actor: string | null;
}

const transitions = counter('plass_alert_transitions_total', 'Alert transitions by code and kind', [
  'code',
  'transition',
]);

@Injectable()
export class AlertEngine {
  constructor(
    @Inject(AlertRepository) private readonly alerts: AlertRepository,
    @Inject(LOGGER) private readonly logger: Logger,
    @Optional() @Inject(NotificationOutbox) private readonly notifications?: NotificationOutbox,
  ) {}

  /** `traceOf`: the trace each scope's transitions continue when not the transaction's (a mixed batch). */
  async apply(
    manager: EntityManager,
    evaluations: AlertEvaluation[],
    now: Date,
    traceOf?: (scopeKey: string) => TraceCarrier | undefined,
  ): Promise<AlertChange[]> {
    if (evaluations.length === 0) return [];
    // One evaluation per condition: the last one measured wins.
    const byCondition = new Map(evaluations.map((e) => [conditionKey(e.subject), e]));
    const codes = [...new Set([...byCondition.values()].map((e) => e.subject.code))];
    const scopeKeys = [...new Set([...byCondition.values()].map((e) => e.subject.scopeKey))];
    const unresolved = new Map(
      (await this.alerts.lockUnresolved(manager, codes, scopeKeys)).map((a) => [conditionKey(a), a]),
    );

    const changes: AlertChange[] = [];
    for (const [key, evaluation] of [...byCondition].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const current = unresolved.get(key);
      const decision = evaluation.decide(current !== undefined);
      if (decision === 'raise') {
        const raised = await this.alerts.insertRaised(
          manager,
          randomUUID(),
          evaluation.subject,
          evaluation.measured,
          now,
        );
        if (!raised) continue; // raised by a concurrent transaction a moment ago
        changes.push({ transition: 'raised', alert: raised, measured: evaluation.measured, actor: null });
      } else if (decision === 'resolve' && current) {
        const resolved = await this.alerts.markResolved(manager, current.id, evaluation.measured, now);
        changes.push({ transition: 'resolved', alert: resolved, measured: evaluation.measured, actor: null });
      } else if (decision === 'keep' && current && figuresChanged(current.measured, evaluation.measured)) {
        // Still holds, with other figures: the alert shows what is measured now (ADR 0172).
        const updated = await this.alerts.markUpdated(manager, current.id, evaluation.measured);
        changes.push({ transition: 'updated', alert: updated, measured: evaluation.measured, actor: null });
      }
    }
    await this.record(manager, changes, now, traceOf);
    return changes;
  }

  /**
   * Acknowledges an alert for `actor` (the token's sub) after `mayAcknowledge` agreed. Acknowledging an
   * acknowledged alert again changes nothing and answers it as it is; a resolved one is refused.
   */
  async acknowledge(
    manager: EntityManager,
    id: string,
    actor: string,
    mayAcknowledge: (alert: AlertData) => boolean,
    now: Date,
  ): Promise<AlertData> {
    const alert = await this.alerts.lockById(manager, id);
    if (!alert) throw new AlertException('ALERT_NOT_FOUND', `no alert has the id ${id}`);
    if (!mayAcknowledge(alert)) {
      throw new AlertException(
        'NOT_ALLOWED_TO_ACKNOWLEDGE',
        `your role may not acknowledge a ${alert.code} alert on ${alert.scopeKey}`,
      );
    }
    const transition = acknowledgeTransition(alert.status);
    switch (transition) {
      case 'refuse':
        throw new AlertException(
          'ALERT_RESOLVED',
          `alert ${id} was resolved at ${alert.resolvedAt ?? '?'} and can no longer be acknowledged`,
          { resolvedAt: alert.resolvedAt },
        );
      case 'unchanged':
        return alert;
      case 'acknowledge': {
        const acknowledged = await this.alerts.markAcknowledged(manager, id, actor, now);
        await this.record(
          manager,
          [{ transition: 'acknowledged', alert: acknowledged, measured: acknowledged.measured, actor }],
          now,
        );
        return acknowledged;
      }
    }
  }

  private async record(
    manager: EntityManager,
    changes: AlertChange[],
    now: Date,
    traceOf?: (scopeKey: string) => TraceCarrier | undefined,
  ): Promise<void> {
    if (changes.length === 0) return;
    await this.alerts.appendHistory(
      manager,
      changes.map((c) => ({
        alertId: c.alert.id,
        transition: c.transition,
        at: now,
        actor: c.actor,
        measured: c.measured,
      })),
    );
    await enqueueOutbox(
      manager,
      changes.map((c) => alertMessage(c.alert, c.transition, now, traceOf?.(c.alert.scopeKey))),
    );
    // Webhooks and e-mail (ADR 0175): their deliveries commit with the alert, like the outbox message.
    await this.notifications?.enqueue(manager, changes);
    for (const c of changes) {
      transitions.inc({ code: c.alert.code, transition: c.transition });
      this.logger.info(
        {
          ...traceLogFields(traceOf?.(c.alert.scopeKey) ?? boundTrace(manager)),
          alertId: c.alert.id,
          code: c.alert.code satisfies AlertCode,
          scopeKey: c.alert.scopeKey,
          housingType: c.alert.housingType ?? undefined,
          transition: c.transition,
          measured: c.alert.measured,
        },
        `alert ${c.transition}`,
      );
    }
  }
}
