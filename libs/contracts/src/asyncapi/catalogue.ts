/**
 * Which events travel on which topic, under which Kafka key: the one list the AsyncAPI document is made
 * from. Every schema here is the one the code validates with (the contract's zod schema); only the prose
 * is written for the reader, including the rules the JSON Schema cannot say (the zod refinements).
 */
import { z } from 'zod';
import {
  ALERT_ACKNOWLEDGED,
  ALERT_RAISED,
  ALERT_UPDATED,
  ALERT_RESOLVED,
  ALERT_SCHEMA,
  alertAcknowledgedSchema,
  alertDataSchema,
  alertRaisedSchema,
  alertUpdatedSchema,
  alertResolvedSchema,
} from '../events/alert';
import {
  CAPACITY_CHANGED,
  CAPACITY_CHANGED_SCHEMA,
  capacityChangedDataSchema,
  capacityChangedSchema,
  SCOPES,
} from '../events/capacity-changed';
import {
  HOUSING_CHANGED,
  HOUSING_CHANGED_SCHEMA,
  housingChangedDataSchema,
  housingChangedSchema,
} from '../events/housing-changed';
import {
  HOUSING_NEED_CHANGED,
  HOUSING_NEED_CHANGED_SCHEMA,
  housingNeedChangedDataSchema,
  housingNeedChangedSchema,
} from '../events/housing-need-changed';
import {
  HOUSING_UNIT_STATUS_CHANGED,
  HOUSING_UNIT_STATUS_CHANGED_SCHEMA,
  housingUnitStatusChangedDataSchema,
  housingUnitStatusChangedSchema,
} from '../events/housing-unit-status-changed';
import {
  REFERRAL_CREATED,
  REFERRAL_OFFER_ANSWERED,
  REFERRAL_OFFER_EXPIRED,
  REFERRAL_OFFER_RESERVED,
  REFERRAL_OFFERED,
  REFERRAL_PLACED,
  REFERRAL_SCHEMA,
  REFERRAL_WITHDRAWN,
  referralCreatedSchema,
  referralOfferAnsweredSchema,
  referralOfferedSchema,
  referralOfferExpiredSchema,
  referralOfferReservedSchema,
  referralPlacedSchema,
  referralStateSchema,
  referralWithdrawnSchema,
} from '../events/referral';
import {
  PURCHASE_ENDED,
  PURCHASE_RECORDED,
  PURCHASE_SCHEMA,
  purchaseEndedSchema,
  purchaseRecordedSchema,
  purchaseStateSchema,
} from '../events/purchase';
import {
  RESERVATION_REFUSED,
  RESERVATION_REFUSED_SCHEMA,
  reservationRefusedDataSchema,
  reservationRefusedSchema,
} from '../events/reservation-refused';
import {
  UNIT_OCCUPANCY_CHANGED,
  UNIT_OCCUPANCY_CHANGED_SCHEMA,
  unitOccupancyChangedDataSchema,
  unitOccupancyChangedSchema,
} from '../events/unit-occupancy-changed';
import { TOPICS, type TopicName } from '../topics';

export interface EventKey {
  /** What the key is, for the reader. */
  description: string;
  schema: z.ZodType;
}

export interface CatalogueEvent {
  /** The message's id in the document (`components.messages`). */
  id: string;
  /** The CloudEvents `type` and `dataschema`. */
  type: string;
  dataschema: string;
  /** The whole event (envelope and data) and its `data`, each its own schema in the document. */
  event: z.ZodType;
  eventSchemaName: string;
  data: z.ZodType;
  dataSchemaName: string;
  title: string;
  description: string;
  key: EventKey;
  /** Rules the contract checks beyond the JSON Schema (its zod refinements). */
  rules: string[];
}

export interface CatalogueTopic {
  topic: TopicName;
  /** The channel's id in the document. */
  id: string;
  title: string;
  description: string;
  events: CatalogueEvent[];
}

const unitKey: EventKey = {
  description: 'The unit id (`data.unitId`): every event of one unit on one partition, in order.',
  schema: unitOccupancyChangedDataSchema.shape.unitId,
};

const housingUnitKey: EventKey = {
  description: 'The housing unit id (`data.housingUnitId`).',
  schema: housingUnitStatusChangedDataSchema.shape.housingUnitId,
};

const housingNeedKey: EventKey = {
  description: "`need:<districtCode>`: one district's registered need, in order.",
  schema: z.templateLiteral(['need:', housingNeedChangedDataSchema.shape.districtCode]),
};

const [, ...scopesWithId] = SCOPES;

const scopeKey: EventKey = {
  description:
    'The scope key (`data.key`): `city`, `district:<code>`, `category:<code>`, `institution:<id>`, ' +
    '`unit:<id>` or `provider-type:<type>`; also the socket.io room the gateway pushes it to.',
  schema: z.union([
    z.literal(SCOPES[0]),
    z.templateLiteral([z.enum(scopesWithId as [string, ...string[]]), ':', z.string().min(1)]),
  ]),
};

const housingKey: EventKey = {
  description: "`housing:<districtCode>` (`data.key`): one district's housing supply against need.",
  schema: z.templateLiteral(['housing:', housingChangedDataSchema.shape.districtCode]),
};

const alertKey: EventKey = {
  description: 'The alert id (`data.id`): every transition of one alert on one partition, in order.',
  schema: alertDataSchema.shape.id,
};

const referralKey: EventKey = {
  description: 'The referral id (`data.id`): every change of one referral on one partition, in order.',
  schema: z.uuid(),
};

const purchaseKey: EventKey = {
  description: 'The purchase id (`data.id`): every change of one purchase on one partition, in order.',
  schema: z.uuid(),
};

const purchaseRules = [
  '`subject` is the purchase id and `sequence` its `data.sequence` (1 when recorded, one more per change).',
  '`to` (the last day, inclusive) is null or not before `from`; `pricePerDay` is whole kroner above 0.',
];

const referralRules = [
  '`subject` is the referral id and `sequence` its `data.sequence` (1 when created, one more per change).',
  '`withdrawalReason` is set exactly when `status` is `withdrawn`; `categories` and `needs` name nothing twice.',
  '`status` is `offered` exactly when `offer.outcome` is `open` or `accepted`, except `placed`, whose offer is ' +
    '`accepted` with its `reservationId`; `stayId` and `placedAt` are set exactly when `placed`.',
];

/** The events of intake.referrals.v1 between created and withdrawn: the offer's life and the placement. */
const REFERRAL_OFFER_EVENTS = [
  {
    id: 'referralOffered',
    type: REFERRAL_OFFERED,
    event: referralOfferedSchema,
    eventSchemaName: 'ReferralOfferedEvent',
    title: 'Referral offered a place',
    description:
      'Intake offered a place in a unit; `offer.outcome` is `open` and `offer.reservationId` null until the ' +
      'institution service has reserved the place (its reservation id is the offer id).',
    rules: ['`data.status` is `offered`.'],
  },
  {
    id: 'referralOfferReserved',
    type: REFERRAL_OFFER_RESERVED,
    event: referralOfferReservedSchema,
    eventSchemaName: 'ReferralOfferReservedEvent',
    title: 'Offered place reserved',
    description: 'The institution service reserved the offered place; `offer.reservationId` is set.',
    rules: ['`data.status` is `offered`.'],
  },
  {
    id: 'referralOfferAnswered',
    type: REFERRAL_OFFER_ANSWERED,
    event: referralOfferAnsweredSchema,
    eventSchemaName: 'ReferralOfferAnsweredEvent',
    title: 'Offer answered',
    description:
      'The district accepted (`offer.outcome` `accepted`, the place stays reserved until admission) or ' +
      'declined with a reason (`declined`, `offer.declineReason`; the referral waits again at its position).',
    rules: ['`data.status` is `offered` after an acceptance, `waiting` after a decline.'],
  },
  {
    id: 'referralOfferExpired',
    type: REFERRAL_OFFER_EXPIRED,
    event: referralOfferExpiredSchema,
    eventSchemaName: 'ReferralOfferExpiredEvent',
    title: 'Offer expired or refused',
    description:
      'The offer was not answered and admitted before `offer.expiresAt` (`expired`), or the institution had ' +
      'no free place to reserve (`refused`); the place is released and the referral waits again at its position.',
    rules: ['`data.status` is `waiting`.'],
  },
  {
    id: 'referralPlaced',
    type: REFERRAL_PLACED,
    event: referralPlacedSchema,
    eventSchemaName: 'ReferralPlacedEvent',
    title: 'Referral placed',
    description:
      "The institution admitted from the offer's reservation; `stayId` is the stay, `placedAt` the admission.",
    rules: ['`data.status` is `placed`.'],
  },
] as const;

const alertRules = [
  '`subject` is the alert id and `sequence` its `version` (1 when raised, one more per transition).',
  '`acknowledgedAt` and `acknowledgedBy` are set together; `resolvedAt` exactly when `status` is `resolved`.',
  '`housingType` is set exactly for `HOUSING_SHORTAGE`.',
];

function alertEvent(
  id: string,
  type: string,
  event: z.ZodType,
  transition: string,
  status: string,
): CatalogueEvent {
  return {
    id,
    type,
    dataschema: ALERT_SCHEMA,
    event,
    eventSchemaName: `Alert${transition[0].toUpperCase()}${transition.slice(1)}Event`,
    data: alertDataSchema,
    dataSchemaName: 'AlertData',
    title: `Alert ${transition}`,
    description: `The alert after it was ${transition}, as the socket event \`alert:${transition}\` and the REST body carry it.`,
    key: alertKey,
    rules: [`\`data.status\` is \`${status}\`.`, ...alertRules],
  };
}

/** Every topic of the contract with its events, in the order of TOPICS. */
export const EVENT_CATALOGUE: CatalogueTopic[] = [
  {
    topic: TOPICS.institutionOccupancy,
    id: 'institutionOccupancy',
    title: 'Institution occupancy',
    description:
      "The institution service's occupancy changes, one event per change with the unit's resulting state. " +
      'Kept for ever: it is the replayable history of the read model.',
    events: [
      {
        id: 'unitOccupancyChanged',
        type: UNIT_OCCUPANCY_CHANGED,
        dataschema: UNIT_OCCUPANCY_CHANGED_SCHEMA,
        event: unitOccupancyChangedSchema,
        eventSchemaName: 'UnitOccupancyChangedEvent',
        data: unitOccupancyChangedDataSchema,
        dataSchemaName: 'UnitOccupancyChangedData',
        title: 'Unit occupancy changed',
        description:
          "A unit's state after one change (admission, discharge, block, reservation, census, rename…), " +
          'with the change itself in `data.change`.',
        key: unitKey,
        rules: [
          '`subject` is the unit id; `sequence` rises by exactly one with every change of the unit.',
          '`available` = `capacity` − `occupied` − `blocked` − `reserved` (negative: overcapacity).',
        ],
      },
    ],
  },
  {
    topic: TOPICS.housingAvailability,
    id: 'housingAvailability',
    title: 'Housing availability',
    description:
      "The housing service's changes: a dwelling's status, and a district's registered housing need. Kept for ever.",
    events: [
      {
        id: 'housingUnitStatusChanged',
        type: HOUSING_UNIT_STATUS_CHANGED,
        dataschema: HOUSING_UNIT_STATUS_CHANGED_SCHEMA,
        event: housingUnitStatusChangedSchema,
        eventSchemaName: 'HousingUnitStatusChangedEvent',
        data: housingUnitStatusChangedDataSchema,
        dataSchemaName: 'HousingUnitStatusChangedData',
        title: 'Housing unit status changed',
        description:
          "A dwelling's resulting state after registration, a status change or an expired reservation.",
        key: housingUnitKey,
        rules: [
          '`subject` is the housing unit id.',
          '`reason` is given exactly when `status` is `unavailable`, `reservedUntil` exactly when `reserved`.',
          '`previousStatus` is null exactly on registration; an expired reservation goes from reserved to vacant.',
        ],
      },
      {
        id: 'housingNeedChanged',
        type: HOUSING_NEED_CHANGED,
        dataschema: HOUSING_NEED_CHANGED_SCHEMA,
        event: housingNeedChangedSchema,
        eventSchemaName: 'HousingNeedChangedEvent',
        data: housingNeedChangedDataSchema,
        dataSchemaName: 'HousingNeedChangedData',
        title: 'Housing need changed',
        description: "A district's registered housing need, every housing type, after one change.",
        key: housingNeedKey,
        rules: ['`subject` is the key, `need:<districtCode>`.'],
      },
    ],
  },
  {
    topic: TOPICS.capacityChanged,
    id: 'capacityChanged',
    title: 'Capacity changed',
    description:
      "The capacity service's new totals per scope and housing per district, derived from the source " +
      'topics (so they can be regenerated: kept for a week). The gateway pushes them to the browsers.',
    events: [
      {
        id: 'capacityChangedEvent',
        type: CAPACITY_CHANGED,
        dataschema: CAPACITY_CHANGED_SCHEMA,
        event: capacityChangedSchema,
        eventSchemaName: 'CapacityChangedEvent',
        data: capacityChangedDataSchema,
        dataSchemaName: 'CapacityChangedData',
        title: 'Capacity changed',
        description: "One scope's new totals, versioned per scope.",
        key: scopeKey,
        rules: ['`data.version` rises with every published change of the scope.'],
      },
      {
        id: 'housingChanged',
        type: HOUSING_CHANGED,
        dataschema: HOUSING_CHANGED_SCHEMA,
        event: housingChangedSchema,
        eventSchemaName: 'HousingChangedEvent',
        data: housingChangedDataSchema,
        dataSchemaName: 'HousingChangedData',
        title: 'Housing changed',
        description:
          "One district's housing supply (dwellings by status) next to its registered need, per type.",
        key: housingKey,
        rules: ['`data.key` is `housing:<districtCode>`; `subject` is the key and `sequence` the `version`.'],
      },
    ],
  },
  {
    topic: TOPICS.capacityAlerts,
    id: 'capacityAlerts',
    title: 'Capacity alerts',
    description:
      'Every transition of every alert (raised, acknowledged, updated, resolved), with the alert after it.',
    events: [
      alertEvent('alertRaised', ALERT_RAISED, alertRaisedSchema, 'raised', 'open'),
      alertEvent(
        'alertAcknowledged',
        ALERT_ACKNOWLEDGED,
        alertAcknowledgedSchema,
        'acknowledged',
        'acknowledged',
      ),
      alertEvent('alertUpdated', ALERT_UPDATED, alertUpdatedSchema, 'updated', 'open` or `acknowledged'),
      alertEvent('alertResolved', ALERT_RESOLVED, alertResolvedSchema, 'resolved', 'resolved'),
    ],
  },
  {
    topic: TOPICS.intakeReferrals,
    id: 'intakeReferrals',
    title: 'Intake referrals',
    description:
      "The intake service's referrals (felles inntak), one event per change with the referral's resulting " +
      'state. A referral is a need, not a person: codes, dates and ids only. Kept for ever: demand ' +
      'figures (received, placed, withdrawn, waiting times) are counted from it.',
    events: [
      {
        id: 'referralCreated',
        type: REFERRAL_CREATED,
        dataschema: REFERRAL_SCHEMA,
        event: referralCreatedSchema,
        eventSchemaName: 'ReferralCreatedEvent',
        data: referralStateSchema,
        dataSchemaName: 'ReferralState',
        title: 'Referral created',
        description: 'A district or intake registered a referral; it is waiting.',
        key: referralKey,
        rules: ['`data.status` is `waiting` and `data.sequence` is 1.', ...referralRules],
      },
      ...REFERRAL_OFFER_EVENTS.map((e) => ({
        ...e,
        dataschema: REFERRAL_SCHEMA,
        data: referralStateSchema,
        dataSchemaName: 'ReferralState',
        key: referralKey,
        rules: [...e.rules, ...referralRules],
      })),
      {
        id: 'referralWithdrawn',
        type: REFERRAL_WITHDRAWN,
        dataschema: REFERRAL_SCHEMA,
        event: referralWithdrawnSchema,
        eventSchemaName: 'ReferralWithdrawnEvent',
        data: referralStateSchema,
        dataSchemaName: 'ReferralState',
        title: 'Referral withdrawn',
        description: 'The referral was withdrawn (trukket) while waiting or offered, with the reason.',
        key: referralKey,
        rules: ['`data.status` is `withdrawn`.', ...referralRules],
      },
    ],
  },
  {
    topic: TOPICS.intakePurchases,
    id: 'intakePurchases',
    title: 'Intake purchases',
    description:
      "The districts' purchased places (enkeltkjøp) at private providers, recorded in the intake service, one " +
      "event per change with the purchase's resulting state (ADR 0225): provider name, category, days and " +
      'price per day; no resident data. Kept for ever: the financing report is counted from it.',
    events: [
      {
        id: 'purchaseRecorded',
        type: PURCHASE_RECORDED,
        dataschema: PURCHASE_SCHEMA,
        event: purchaseRecordedSchema,
        eventSchemaName: 'PurchaseRecordedEvent',
        data: purchaseStateSchema,
        dataSchemaName: 'PurchaseState',
        title: 'Purchase recorded',
        description: 'A district, intake or admin recorded a purchased place.',
        key: purchaseKey,
        rules: ['`data.sequence` is 1.', ...purchaseRules],
      },
      {
        id: 'purchaseEnded',
        type: PURCHASE_ENDED,
        dataschema: PURCHASE_SCHEMA,
        event: purchaseEndedSchema,
        eventSchemaName: 'PurchaseEndedEvent',
        data: purchaseStateSchema,
        dataSchemaName: 'PurchaseState',
        title: 'Purchase ended',
        description: 'The last day of an open-ended purchase was set (once).',
        key: purchaseKey,
        rules: ['`data.to` is set.', ...purchaseRules],
      },
    ],
  },
  {
    topic: TOPICS.institutionReservations,
    id: 'institutionReservations',
    title: 'Institution reservations',
    description:
      "The institution service's answers to offers it could not reserve a place for (ADR 0161). A reservation " +
      'that was made is an `unit.occupancy-changed` event of kind `reservation` on institution.occupancy.v1, ' +
      'whose `change.reservationId` is the offer id. Kept for ever, with the offers it answers.',
    events: [
      {
        id: 'reservationRefused',
        type: RESERVATION_REFUSED,
        dataschema: RESERVATION_REFUSED_SCHEMA,
        event: reservationRefusedSchema,
        eventSchemaName: 'ReservationRefusedEvent',
        data: reservationRefusedDataSchema,
        dataSchemaName: 'ReservationRefusedData',
        title: 'Reservation refused',
        description:
          'The institution service reserved no place for the offer: the unit had none free, is unknown or is ' +
          'closed. Intake marks the offer `refused` and the referral waits again at its position.',
        key: referralKey,
        rules: [
          '`subject` is the referral id; `sequence` is the sequence of the `referral.offered` event it answers.',
          'At most one per offer, unless the offer is delivered again; a consumer ignores a refusal of an offer ' +
            'that is no longer open.',
        ],
      },
    ],
  },
];
