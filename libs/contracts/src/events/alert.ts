/**
 * `…alert.raised`, `…alert.acknowledged`, `…alert.updated`, `…alert.resolved` on capacity.alerts.v1 (key:
 * the alert id): the alert after the transition. `updated` (ADR 0172): an unresolved alert's measured
 * figures changed while its condition still holds; its status stays what it was. The same payload is the socket events `alert:*` and the REST body.
 */
import {
  ALERT_CODES,
  ALERT_SCOPES,
  ALERT_SEVERITIES,
  ALERT_STATUSES,
  DISTRICT_CODES,
  HOUSING_TYPES,
  SERVICE_CATEGORY_CODES,
  type AlertScope,
  type AlertStatus,
} from '@plass/domain';
import { z } from 'zod';
import { cloudEventSchema, ContractViolation, defineContract, EVENT_TYPE_PREFIX } from '../envelope';
import { freeText, MAX_NAME_LENGTH, plainText } from '../free-text';

export const ALERT_RAISED = `${EVENT_TYPE_PREFIX}alert.raised` as const;
export const ALERT_ACKNOWLEDGED = `${EVENT_TYPE_PREFIX}alert.acknowledged` as const;
export const ALERT_RESOLVED = `${EVENT_TYPE_PREFIX}alert.resolved` as const;
export const ALERT_UPDATED = `${EVENT_TYPE_PREFIX}alert.updated` as const;
export const ALERT_SCHEMA = 'urn:plassoversikt:alert:1';

/** The transitions of an alert's life, each with its event type and the status it leaves. */
export const ALERT_TRANSITIONS = ['raised', 'acknowledged', 'updated', 'resolved'] as const;
export type AlertTransition = (typeof ALERT_TRANSITIONS)[number];

export const ALERT_EVENT_TYPES = {
  raised: ALERT_RAISED,
  acknowledged: ALERT_ACKNOWLEDGED,
  resolved: ALERT_RESOLVED,
  updated: ALERT_UPDATED,
} as const satisfies Record<AlertTransition, string>;

const STATUS_AFTER: Record<AlertTransition, readonly AlertStatus[]> = {
  raised: ['open'],
  acknowledged: ['acknowledged'],
  updated: ['open', 'acknowledged'],
  resolved: ['resolved'],
};

export { ALERT_SCOPES, type AlertScope };

/** Measured values at a transition: numbers, ISO times, or null when not measurable. */
export const alertMeasuredSchema = z.record(z.string(), z.union([z.number(), plainText(100, 0), z.null()]));

export const alertDataSchema = z
  .strictObject({
    id: z.uuid(),
    code: z.enum(ALERT_CODES),
    severity: z.enum(ALERT_SEVERITIES),
    status: z.enum(ALERT_STATUSES),
    scope: z.enum(ALERT_SCOPES),
    scopeId: plainText(200),
    /** The capacity scope key: `unit:<id>`, `institution:<id>`, `category:<code>`, `district:<code>`. */
    scopeKey: plainText(200),
    scopeName: freeText(MAX_NAME_LENGTH).nullable(),
    /**
     * Only HOUSING_SHORTAGE alerts raised before ADR 0172 have one (one alert per district and type); from
     * then on a housing shortage is one alert per district, with the shortfall per type in `measured`.
     */
    housingType: z.enum(HOUSING_TYPES).nullable(),
    institutionId: z.uuid().nullable(),
    districtCode: z.enum(DISTRICT_CODES).nullable(),
    category: z.enum(SERVICE_CATEGORY_CODES).nullable(),
    /** The live rooms (capacity scope keys) the alert concerns; the gateway pushes it to each. */
    rooms: z.array(plainText(200)).min(1),
    measured: alertMeasuredSchema,
    raisedAt: z.iso.datetime(),
    acknowledgedAt: z.iso.datetime().nullable(),
    /** The token subject (`sub`) of the person who acknowledged it. */
    acknowledgedBy: plainText(200).nullable(),
    resolvedAt: z.iso.datetime().nullable(),
    /** Rises by one with every transition: 1 when raised. */
    version: z.number().int().positive(),
  })
  .superRefine((a, ctx) => {
    if ((a.acknowledgedAt === null) !== (a.acknowledgedBy === null)) {
      ctx.addIssue({
        code: 'custom',
        path: ['acknowledgedBy'],
        message: 'acknowledgedAt and acknowledgedBy are set together',
      });
    }
    if (a.status === 'acknowledged' && a.acknowledgedAt === null) {
      ctx.addIssue({ code: 'custom', path: ['acknowledgedAt'], message: 'an acknowledged alert has a time' });
    }
    if ((a.status === 'resolved') !== (a.resolvedAt !== null)) {
      ctx.addIssue({
        code: 'custom',
        path: ['resolvedAt'],
        message: 'resolvedAt is set exactly when resolved',
      });
    }
    if (a.code !== 'HOUSING_SHORTAGE' && a.housingType !== null) {
      ctx.addIssue({
        code: 'custom',
        path: ['housingType'],
        message: 'housingType is set only for HOUSING_SHORTAGE',
      });
    }
  });

export type AlertData = z.infer<typeof alertDataSchema>;

function alertEventSchema<T extends string>(type: T, transition: AlertTransition) {
  return cloudEventSchema(type, alertDataSchema).superRefine((e, ctx) => {
    if (e.subject !== e.data.id) {
      ctx.addIssue({ code: 'custom', path: ['subject'], message: 'subject must be the alert id' });
    }
    if (e.sequence !== e.data.version) {
      ctx.addIssue({ code: 'custom', path: ['sequence'], message: 'sequence must be the alert version' });
    }
    if (!STATUS_AFTER[transition].includes(e.data.status)) {
      ctx.addIssue({
        code: 'custom',
        path: ['data', 'status'],
        message: `an alert.${transition} event carries the alert as ${STATUS_AFTER[transition].join(' or ')}`,
      });
    }
    if (transition === 'raised' && e.data.version !== 1) {
      ctx.addIssue({ code: 'custom', path: ['data', 'version'], message: 'a raised alert has version 1' });
    }
  });
}

export const alertRaisedSchema = alertEventSchema(ALERT_RAISED, 'raised');
export const alertAcknowledgedSchema = alertEventSchema(ALERT_ACKNOWLEDGED, 'acknowledged');
export const alertResolvedSchema = alertEventSchema(ALERT_RESOLVED, 'resolved');
export const alertUpdatedSchema = alertEventSchema(ALERT_UPDATED, 'updated');

export type AlertRaisedEvent = z.infer<typeof alertRaisedSchema>;
export type AlertAcknowledgedEvent = z.infer<typeof alertAcknowledgedSchema>;
export type AlertResolvedEvent = z.infer<typeof alertResolvedSchema>;
export type AlertUpdatedEvent = z.infer<typeof alertUpdatedSchema>;
export type AlertEvent = AlertRaisedEvent | AlertAcknowledgedEvent | AlertUpdatedEvent | AlertResolvedEvent;

export const alertRaised = defineContract(ALERT_RAISED, ALERT_SCHEMA, alertRaisedSchema);
export const alertAcknowledged = defineContract(ALERT_ACKNOWLEDGED, ALERT_SCHEMA, alertAcknowledgedSchema);
export const alertResolved = defineContract(ALERT_RESOLVED, ALERT_SCHEMA, alertResolvedSchema);
export const alertUpdated = defineContract(ALERT_UPDATED, ALERT_SCHEMA, alertUpdatedSchema);

const ALERT_CONTRACTS = {
  [ALERT_RAISED]: alertRaised,
  [ALERT_ACKNOWLEDGED]: alertAcknowledged,
  [ALERT_RESOLVED]: alertResolved,
  [ALERT_UPDATED]: alertUpdated,
} as const;

/** Parses any message of capacity.alerts.v1 by its type (for consumers of the whole topic). */
export function parseAlertEvent(value: unknown): AlertEvent {
  const type = (value as { type?: unknown } | null)?.type;
  const contract =
    typeof type === 'string' ? ALERT_CONTRACTS[type as keyof typeof ALERT_CONTRACTS] : undefined;
  if (!contract) {
    throw new ContractViolation(
      `type must be one of ${Object.keys(ALERT_CONTRACTS).join(', ')}; got ${JSON.stringify(type)}`,
    );
  }
  return contract.parse(value);
}

/** The socket event that carries an alert after a transition. */
export function alertSocketEvent(transition: AlertTransition): `alert:${AlertTransition}` {
  return `alert:${transition}`;
}
