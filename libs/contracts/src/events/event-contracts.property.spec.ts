/**
 * Properties of every event validator, over generated input: anything at all is either parsed or refused
 * with a ContractViolation (never another error); every valid event survives a trip through JSON; and a
 * valid event with an extra field, or with a field of the wrong type, is refused.
 */
import {
  ALERT_CODES,
  ALERT_SEVERITIES,
  BLOCK_REASONS,
  CORRECTABLE_CHANGES,
  CORRECTION_REASONS,
  DISCHARGE_REASONS,
  DISTRICT_CODES,
  HOUSING_STATUSES,
  HOUSING_TYPES,
  PROVIDER_TYPES,
  OFFER_DECLINE_REASONS,
  REFERRAL_NEEDS,
  REFERRAL_URGENCIES,
  type OfferOutcome,
  REFERRAL_WITHDRAWAL_REASONS,
  SERVICE_CATEGORY_CODES,
} from '@plass/domain';
import fc from 'fast-check';
import { ContractViolation, formatSequence, type ParsedCloudEvent } from '../envelope';
import { isFreeText, MAX_NAME_LENGTH, plainTextProblem } from '../free-text';
import {
  ALERT_ACKNOWLEDGED,
  ALERT_RAISED,
  ALERT_RESOLVED,
  ALERT_SCHEMA,
  ALERT_SCOPES,
  alertAcknowledged,
  alertRaised,
  alertResolved,
  parseAlertEvent,
  type AlertData,
} from './alert';
import { CAPACITY_CHANGED, CAPACITY_CHANGED_SCHEMA, capacityChanged, SCOPES } from './capacity-changed';
import {
  HOUSING_CHANGED,
  HOUSING_CHANGED_SCHEMA,
  housingChanged,
  housingKey,
  parseCapacityTopicEvent,
} from './housing-changed';
import {
  HOUSING_NEED_CHANGED,
  HOUSING_NEED_CHANGED_SCHEMA,
  housingNeedChanged,
  housingNeedKey,
  MAX_HOUSEHOLDS_PER_TYPE,
} from './housing-need-changed';
import {
  HOUSING_UNAVAILABLE_REASONS,
  HOUSING_UNIT_STATUS_CHANGED,
  HOUSING_UNIT_STATUS_CHANGED_SCHEMA,
  housingUnitStatusChanged,
} from './housing-unit-status-changed';
import {
  parseReferralEvent,
  REFERRAL_CREATED,
  REFERRAL_OFFER_ANSWERED,
  REFERRAL_OFFER_EXPIRED,
  REFERRAL_OFFER_RESERVED,
  REFERRAL_OFFERED,
  REFERRAL_PLACED,
  REFERRAL_SCHEMA,
  REFERRAL_WITHDRAWN,
  referralCreated,
  referralWithdrawn,
} from './referral';
import {
  CHANGE_KINDS,
  UNIT_OCCUPANCY_CHANGED,
  UNIT_OCCUPANCY_CHANGED_SCHEMA,
  unitOccupancyChanged,
} from './unit-occupancy-changed';

type Parse = (value: unknown) => unknown;
/** Events as a consumer has them (`sequence` a number); `wire` gives an event's form on the wire. */
type Event = ParsedCloudEvent<Record<string, unknown>>;
const wire = (event: Event) => ({ ...event, sequence: formatSequence(event.sequence) });

const RUNS = 200;

// ---- arbitraries of valid events ------------------------------------------------------------------

const isoTime = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true })
  .map((d) => d.toISOString());
const isoDate = isoTime.map((t) => t.slice(0, 10));
/** JSON cannot tell -0 from 0: a round trip would rightly change it. */
const number = fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n));
/** Any text, for keys a schema takes as it is. */
const anyText = fc.string({ unit: 'binary', maxLength: 80 });
/** Machine text (ids, keys, sources): anything but control characters (free-text.ts). */
const nonEmpty = fc
  .string({ unit: 'binary', minLength: 1, maxLength: 80 })
  .filter((s) => plainTextProblem(s) === undefined);
/** A name: safe free text, which holds no control character and no national identity number. */
const name = fc
  .string({ unit: 'binary', minLength: 1, maxLength: 200 })
  .filter((s) => isFreeText(s, { maxLength: MAX_NAME_LENGTH }));
const count = fc.nat({ max: 100_000 });
const district = fc.constantFrom(...DISTRICT_CODES);

function envelope<T extends Record<string, unknown>>(
  type: string,
  dataschema: string,
  data: fc.Arbitrary<T>,
  subjectOf: (data: T) => fc.Arbitrary<string>,
  sequenceOf: (data: T) => fc.Arbitrary<number> = () => fc.nat(),
): fc.Arbitrary<Event> {
  return data.chain((d) =>
    fc.record({
      specversion: fc.constant('1.0' as const),
      id: fc.uuid(),
      source: nonEmpty,
      type: fc.constant(type),
      subject: subjectOf(d),
      time: isoTime,
      datacontenttype: fc.constant('application/json' as const),
      sequence: sequenceOf(d),
      dataschema: fc.constant(dataschema),
      data: fc.constant(d),
    }),
  );
}

const occupancyEvent = envelope(
  UNIT_OCCUPANCY_CHANGED,
  UNIT_OCCUPANCY_CHANGED_SCHEMA,
  fc
    .record({
      unitId: fc.uuid(),
      unitName: name,
      institutionId: fc.uuid(),
      institutionName: name,
      category: fc.constantFrom(...SERVICE_CATEGORY_CODES),
      providerType: fc.constantFrom(...PROVIDER_TYPES),
      districtCode: district,
      capacity: count,
      occupied: count,
      blocked: count,
      reserved: count,
      closed: fc.boolean(),
      change: fc.record(
        {
          kind: fc.constantFrom(...CHANGE_KINDS),
          stayId: fc.uuid(),
          referringDistrictCode: district,
          dischargeReason: fc.constantFrom(...DISCHARGE_REASONS),
          places: fc.integer(),
          reason: fc.constantFrom(...BLOCK_REASONS, 'capacity-change' as const),
          plannedDischargeDate: isoDate,
          effectiveAt: isoTime,
          blockId: fc.uuid(),
        },
        { requiredKeys: ['kind'] },
      ),
      correction: fc.record({
        of: fc.constantFrom(...CORRECTABLE_CHANGES),
        previousEffectiveAt: isoTime,
        reason: fc.constantFrom(...CORRECTION_REASONS),
      }),
      effectiveAt: isoTime,
    })
    // A corrected change, and only it, carries a correction and its new time (ADR 0212).
    .map(({ correction, effectiveAt, ...d }) => ({
      ...d,
      change: d.change.kind === 'corrected' ? { ...d.change, effectiveAt, correction } : d.change,
      available: d.capacity - d.occupied - d.blocked - d.reserved,
    })),
  (d) => fc.constant(d.unitId),
);

const totals = fc.record({
  capacity: fc.integer(),
  occupied: fc.integer(),
  blocked: fc.integer(),
  reserved: fc.integer(),
  available: fc.integer(),
  occupancyRate: fc.option(number, { nil: null }),
});

const capacityEvent = envelope(
  CAPACITY_CHANGED,
  CAPACITY_CHANGED_SCHEMA,
  fc.record({
    scope: fc.constantFrom(...SCOPES),
    id: fc.option(nonEmpty, { nil: null }),
    key: nonEmpty,
    name: fc.option(name, { nil: null }),
    totals,
    version: fc.nat(),
    updatedAt: isoTime,
  }),
  () => nonEmpty,
);

const supply = fc.record({
  vacant: count,
  reserved: count,
  occupied: count,
  unavailable: count,
  need: count,
});

const housingEvent = envelope(
  HOUSING_CHANGED,
  HOUSING_CHANGED_SCHEMA,
  fc
    .record({
      districtCode: district,
      name,
      byType: fc.record(Object.fromEntries(HOUSING_TYPES.map((type) => [type, supply]))),
      totals: supply,
      version: fc.nat(),
      updatedAt: isoTime,
    })
    .map((d) => ({ ...d, key: housingKey(d.districtCode) })),
  (d) => fc.constant(d.key),
  (d) => fc.constant(d.version),
);

const needEvent = envelope(
  HOUSING_NEED_CHANGED,
  HOUSING_NEED_CHANGED_SCHEMA,
  fc.record({
    districtCode: district,
    needs: fc.record(
      Object.fromEntries(HOUSING_TYPES.map((type) => [type, fc.nat({ max: MAX_HOUSEHOLDS_PER_TYPE })])),
    ),
  }),
  (d) => fc.constant(housingNeedKey(d.districtCode)),
);

const dwellingEvent = envelope(
  HOUSING_UNIT_STATUS_CHANGED,
  HOUSING_UNIT_STATUS_CHANGED_SCHEMA,
  fc
    .record({
      housingUnitId: fc.uuid(),
      districtCode: district,
      type: fc.constantFrom(...HOUSING_TYPES),
      change: fc.constantFrom('registered', 'status-changed', 'reservation-expired'),
      status: fc.constantFrom(...HOUSING_STATUSES),
      previousStatus: fc.constantFrom(...HOUSING_STATUSES),
      reason: fc.constantFrom(...HOUSING_UNAVAILABLE_REASONS),
      reservedUntil: isoTime,
    })
    .map(({ reason, reservedUntil, ...d }) => {
      // The rules of the contract: previousStatus null exactly on registration, an expiry goes from
      // reserved to vacant, a reason exactly when unavailable, reservedUntil exactly when reserved.
      const status = d.change === 'reservation-expired' ? 'vacant' : d.status;
      return {
        ...d,
        status,
        previousStatus:
          d.change === 'registered'
            ? null
            : d.change === 'reservation-expired'
              ? 'reserved'
              : d.previousStatus,
        ...(status === 'unavailable' ? { reason } : {}),
        ...(status === 'reserved' ? { reservedUntil } : {}),
      };
    }),
  (d) => fc.constant(d.housingUnitId),
);

function alertEvent(type: string, transition: 'raised' | 'acknowledged' | 'resolved'): fc.Arbitrary<Event> {
  const data: fc.Arbitrary<AlertData> = fc
    .record({
      id: fc.uuid(),
      code: fc.constantFrom(...ALERT_CODES),
      severity: fc.constantFrom(...ALERT_SEVERITIES),
      scope: fc.constantFrom(...ALERT_SCOPES),
      scopeId: nonEmpty,
      scopeKey: nonEmpty,
      scopeName: fc.option(name, { nil: null }),
      housingType: fc.constantFrom(...HOUSING_TYPES),
      institutionId: fc.option(fc.uuid(), { nil: null }),
      districtCode: fc.option(district, { nil: null }),
      category: fc.option(fc.constantFrom(...SERVICE_CATEGORY_CODES), { nil: null }),
      rooms: fc.array(nonEmpty, { minLength: 1, maxLength: 4 }),
      // zod builds records afresh and leaves an own `__proto__` key out (tested on its own below).
      measured: fc.dictionary(
        anyText.filter((key) => key !== '__proto__'),
        fc.oneof(
          number,
          fc.string({ maxLength: 100 }).filter((s) => plainTextProblem(s) === undefined),
          fc.constant(null),
        ),
      ),
      raisedAt: isoTime,
      at: isoTime,
      by: nonEmpty,
      acknowledged: fc.boolean(),
      version: fc.integer({ min: 2, max: 1000 }),
    })
    .map(({ at, by, acknowledged, housingType, version, ...a }) => {
      const acknowledgedNow = transition === 'acknowledged' || (transition === 'resolved' && acknowledged);
      return {
        ...a,
        housingType: a.code === 'HOUSING_SHORTAGE' ? housingType : null,
        status: ({ raised: 'open', acknowledged: 'acknowledged', resolved: 'resolved' } as const)[transition],
        acknowledgedAt: acknowledgedNow ? at : null,
        acknowledgedBy: acknowledgedNow ? by : null,
        resolvedAt: transition === 'resolved' ? at : null,
        version: transition === 'raised' ? 1 : version,
      };
    });
  return envelope(
    type,
    ALERT_SCHEMA,
    data,
    (d) => fc.constant(d.id),
    (d) => fc.constant(d.version),
  );
}

type ReferralTransition =
  'created' | 'offered' | 'offer-reserved' | 'offer-answered' | 'offer-expired' | 'placed' | 'withdrawn';

const referralOffer = fc.record({
  offerId: fc.uuid(),
  unitId: fc.uuid(),
  category: fc.constantFrom(...SERVICE_CATEGORY_CODES),
  offeredAt: isoTime,
  expiresAt: isoTime,
  reservationId: fc.option(fc.uuid(), { nil: null }),
  decidedAt: isoTime,
  declineReason: fc.constantFrom(...OFFER_DECLINE_REASONS),
});

/** A referral's state after a transition, with an offer whose outcome fits the status. */
function referralEvent(type: string, transition: ReferralTransition): fc.Arbitrary<Event> {
  const data = fc
    .record({
      id: fc.uuid(),
      districtCode: district,
      categories: fc.uniqueArray(fc.constantFrom(...SERVICE_CATEGORY_CODES), { minLength: 1, maxLength: 3 }),
      urgency: fc.constantFrom(...REFERRAL_URGENCIES),
      needs: fc.uniqueArray(fc.constantFrom(...REFERRAL_NEEDS), { maxLength: REFERRAL_NEEDS.length }),
      earliestDate: fc.option(isoDate, { nil: null }),
      reason: fc.constantFrom(...REFERRAL_WITHDRAWAL_REASONS),
      offer: fc.option(referralOffer, { nil: null }),
      anyOffer: referralOffer,
      accepted: fc.boolean(),
      expiredOutcome: fc.constantFrom('expired' as const, 'refused' as const),
      finalOutcome: fc.constantFrom(
        'declined' as const,
        'expired' as const,
        'refused' as const,
        'withdrawn' as const,
      ),
      stayId: fc.uuid(),
      placedAt: isoTime,
      createdAt: isoTime,
      updatedAt: isoTime,
      sequence: fc.integer({ min: 2, max: 1000 }),
    })
    .map(
      ({
        reason,
        sequence,
        offer,
        anyOffer,
        accepted,
        expiredOutcome,
        finalOutcome,
        stayId,
        placedAt,
        ...r
      }) => {
        const { declineReason, decidedAt, ...base } = anyOffer;
        const withOutcome = (outcome: OfferOutcome) => ({
          ...base,
          outcome,
          declineReason: outcome === 'declined' ? declineReason : null,
          decidedAt: outcome === 'open' ? null : decidedAt,
        });
        const none = { withdrawalReason: null, stayId: null, placedAt: null };
        switch (transition) {
          case 'created':
            return { ...r, ...none, status: 'waiting' as const, offer: null, sequence: 1 };
          case 'offered':
          case 'offer-reserved':
            return { ...r, ...none, status: 'offered' as const, offer: withOutcome('open'), sequence };
          case 'offer-answered':
            return accepted
              ? { ...r, ...none, status: 'offered' as const, offer: withOutcome('accepted'), sequence }
              : { ...r, ...none, status: 'waiting' as const, offer: withOutcome('declined'), sequence };
          case 'offer-expired':
            return {
              ...r,
              ...none,
              status: 'waiting' as const,
              offer: withOutcome(expiredOutcome),
              sequence,
            };
          case 'placed':
            return {
              ...r,
              ...none,
              status: 'placed' as const,
              offer: { ...withOutcome('accepted'), reservationId: base.offerId },
              stayId,
              placedAt,
              sequence,
            };
          case 'withdrawn':
            return {
              ...r,
              ...none,
              status: 'withdrawn' as const,
              withdrawalReason: reason,
              offer: offer && withOutcome(finalOutcome),
              sequence,
            };
        }
      },
    );
  return envelope(
    type,
    REFERRAL_SCHEMA,
    data,
    (d) => fc.constant(d.id),
    (d) => fc.constant(d.sequence),
  );
}

interface ContractCase {
  name: string;
  parse: Parse;
  valid: fc.Arbitrary<Event>;
  /** Objects inside `data` that are records, where any key is a valid key. */
  records?: string[];
}

const CASES: ContractCase[] = [
  {
    name: 'referral.created',
    parse: (v) => referralCreated.parse(v),
    valid: referralEvent(REFERRAL_CREATED, 'created'),
  },
  {
    name: 'referral.withdrawn',
    parse: (v) => referralWithdrawn.parse(v),
    valid: referralEvent(REFERRAL_WITHDRAWN, 'withdrawn'),
  },
  {
    name: 'intake.referrals.v1 (any type)',
    parse: parseReferralEvent,
    valid: fc.oneof(
      referralEvent(REFERRAL_CREATED, 'created'),
      referralEvent(REFERRAL_OFFERED, 'offered'),
      referralEvent(REFERRAL_OFFER_RESERVED, 'offer-reserved'),
      referralEvent(REFERRAL_OFFER_ANSWERED, 'offer-answered'),
      referralEvent(REFERRAL_OFFER_EXPIRED, 'offer-expired'),
      referralEvent(REFERRAL_PLACED, 'placed'),
      referralEvent(REFERRAL_WITHDRAWN, 'withdrawn'),
    ),
  },
  { name: 'unit.occupancy-changed', parse: (v) => unitOccupancyChanged.parse(v), valid: occupancyEvent },
  { name: 'capacity.changed', parse: (v) => capacityChanged.parse(v), valid: capacityEvent },
  { name: 'housing.changed', parse: (v) => housingChanged.parse(v), valid: housingEvent },
  {
    name: 'capacity.changed.v1 (either type)',
    parse: parseCapacityTopicEvent,
    valid: fc.oneof(capacityEvent, housingEvent),
  },
  { name: 'housing-need.changed', parse: (v) => housingNeedChanged.parse(v), valid: needEvent },
  {
    name: 'housing-unit.status-changed',
    parse: (v) => housingUnitStatusChanged.parse(v),
    valid: dwellingEvent,
  },
  {
    name: 'alert.raised',
    parse: (v) => alertRaised.parse(v),
    valid: alertEvent(ALERT_RAISED, 'raised'),
    records: ['measured'],
  },
  {
    name: 'alert.acknowledged',
    parse: (v) => alertAcknowledged.parse(v),
    valid: alertEvent(ALERT_ACKNOWLEDGED, 'acknowledged'),
    records: ['measured'],
  },
  {
    name: 'alert.resolved',
    parse: (v) => alertResolved.parse(v),
    valid: alertEvent(ALERT_RESOLVED, 'resolved'),
    records: ['measured'],
  },
  {
    name: 'capacity.alerts.v1 (any type)',
    parse: parseAlertEvent,
    valid: fc.oneof(
      alertEvent(ALERT_RAISED, 'raised'),
      alertEvent(ALERT_ACKNOWLEDGED, 'acknowledged'),
      alertEvent(ALERT_RESOLVED, 'resolved'),
    ),
    records: ['measured'],
  },
];

// ---- helpers ---------------------------------------------------------------------------------------

/** Either a value or a ContractViolation; any other error fails the property. */
function outcome(parse: Parse, value: unknown): 'parsed' | 'refused' {
  try {
    parse(value);
    return 'parsed';
  } catch (error) {
    if (error instanceof ContractViolation) return 'refused';
    throw error;
  }
}

const roundTrip = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

type Path = (string | number)[];

/** Paths of every plain object inside `value` (itself included), leaving out the records named. */
function objectPaths(value: unknown, records: string[], path: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [];
  const own = Array.isArray(value) || records.includes(String(path[path.length - 1])) ? [] : [path];
  return [
    ...own,
    ...Object.entries(value).flatMap(([key, child]) =>
      objectPaths(child, records, [...path, Array.isArray(value) ? Number(key) : key]),
    ),
  ];
}

/** Paths of every primitive inside `value`. */
function leafPaths(value: unknown, path: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return path.length > 0 ? [path] : [];
  return Object.entries(value).flatMap(([key, child]) =>
    leafPaths(child, [...path, Array.isArray(value) ? Number(key) : key]),
  );
}

function at(value: unknown, path: Path): Record<string | number, unknown> {
  return path.reduce<unknown>(
    (node, key) => (node as Record<string | number, unknown>)[key],
    value,
  ) as Record<string | number, unknown>;
}

/** `event` (a JSON copy) with an own property `key` added to the object at `path`. */
function withExtraField(event: Event, path: Path, key: string, value: unknown): Event {
  const copy = roundTrip(event);
  Object.defineProperty(at(copy, path), key, { value, enumerable: true, configurable: true, writable: true });
  return copy;
}

function withReplacedLeaf(event: Event, path: Path, value: unknown): Event {
  const copy = roundTrip(event);
  at(copy, path.slice(0, -1))[path[path.length - 1]] = value;
  return copy;
}

const hostileKey = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'residentName',
    'nationalId',
    'note',
    "'; DROP TABLE--",
  ),
  fc.string({ minLength: 1, maxLength: 20 }),
);

// ---- properties ------------------------------------------------------------------------------------

describe('event contracts, property by property', () => {
  describe.each(CASES)('$name', ({ parse, valid, records = [] }) => {
    it('parses or refuses anything at all with a ContractViolation, and nothing else', () => {
      fc.assert(
        fc.property(fc.oneof(fc.anything(), fc.jsonValue(), valid.map(roundTrip)), (value) => {
          outcome(parse, value);
        }),
        { numRuns: RUNS },
      );
    });

    it('survives arbitrary mutation of a valid event without throwing anything else', () => {
      fc.assert(
        fc.property(
          valid.chain((event) =>
            fc.tuple(fc.constant(event), fc.constantFrom(...leafPaths(event)), fc.anything()),
          ),
          ([event, path, value]) => {
            outcome(parse, withReplacedLeaf(event, path, value));
          },
        ),
        { numRuns: RUNS },
      );
    });

    it('refuses a valid event with a control character or lone surrogate in any of its strings', () => {
      const stringPaths = (event: Event) =>
        leafPaths(event).filter(
          (path) => typeof at(event, path.slice(0, -1))[path[path.length - 1]] === 'string',
        );
      fc.assert(
        fc.property(
          valid.chain((event) =>
            fc.tuple(
              fc.constant(event),
              fc.constantFrom(...stringPaths(event)),
              fc.constantFrom('\u0000', '\u0007', '\n', '\u007f', '\u0085', '\u202e', '\ud800', '\udfff'),
              fc.nat(),
            ),
          ),
          ([event, path, bad, where]) => {
            const text = at(event, path.slice(0, -1))[path[path.length - 1]] as string;
            const i = where % (text.length + 1);
            const changed = withReplacedLeaf(event, path, text.slice(0, i) + bad + text.slice(i));
            expect(outcome(parse, changed)).toBe('refused');
          },
        ),
        { numRuns: RUNS },
      );
    });

    it('accepts every valid event and gives it back unchanged after a trip through JSON', () => {
      fc.assert(
        fc.property(valid, (event) => {
          expect(parse(roundTrip(event))).toEqual(event);
        }),
        { numRuns: RUNS },
      );
    });

    it('accepts every valid event in its wire form (sequence a padded string) as the same event', () => {
      fc.assert(
        fc.property(valid, (event) => {
          expect(parse(roundTrip(wire(event)))).toEqual(event);
        }),
        { numRuns: RUNS },
      );
    });

    it('refuses a valid event whose sequence is a string but not a decimal integer', () => {
      fc.assert(
        fc.property(
          valid,
          fc.oneof(
            fc.constantFrom('', '-1', '+1', '1.0', '1e3', ' 1', '0x1f', 'forty-two', '１'),
            fc.string().filter((s) => !/^[0-9]{1,19}$/.test(s)),
          ),
          (event, sequence) => {
            expect(outcome(parse, { ...roundTrip(event), sequence })).toBe('refused');
          },
        ),
        { numRuns: RUNS },
      );
    });

    it('refuses a valid event with an extra field in its data, so no free text rides along', () => {
      fc.assert(
        fc.property(
          valid.chain((event) =>
            fc.tuple(
              fc.constant(event),
              fc.constantFrom(...objectPaths(event.data, records).map((p) => ['data', ...p])),
              hostileKey,
              fc.jsonValue(),
            ),
          ),
          ([event, path, key, value]) => {
            fc.pre(!Object.prototype.hasOwnProperty.call(at(event, path), key));
            expect(outcome(parse, withExtraField(event, path, key, value))).toBe('refused');
          },
        ),
        { numRuns: RUNS },
      );
    });

    it('refuses a valid event with any field of a type no field has (an object or an array)', () => {
      fc.assert(
        fc.property(
          valid.chain((event) =>
            fc.tuple(
              fc.constant(event),
              fc.constantFrom(...leafPaths(event)),
              fc.oneof(
                fc.constant([]),
                fc.constant({}),
                fc.array(fc.string(), { minLength: 1, maxLength: 3 }),
              ),
            ),
          ),
          ([event, path, value]) => {
            expect(outcome(parse, withReplacedLeaf(event, path, value))).toBe('refused');
          },
        ),
        { numRuns: RUNS },
      );
    });

    it('drops an envelope extension attribute instead of passing it on', () => {
      fc.assert(
        fc.property(valid, hostileKey, fc.jsonValue(), (event, key, value) => {
          fc.pre(!Object.prototype.hasOwnProperty.call(event, key));
          const parsed = parse(withExtraField(event, [], key, value));
          expect(Object.prototype.hasOwnProperty.call(parsed, key)).toBe(false);
        }),
        { numRuns: RUNS },
      );
    });
  });

  it('never lets a parsed event pollute Object.prototype', () => {
    const hostile: unknown = JSON.parse(
      '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"type":"x","data":{"__proto__":{"polluted":true}}}',
    );
    for (const { parse } of CASES) outcome(parse, hostile);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('leaves a `__proto__` key of an alert’s measured values out, prototype untouched', () => {
    fc.assert(
      fc.property(alertEvent(ALERT_RAISED, 'raised'), (event) => {
        const hostile = withExtraField(event, ['data', 'measured'], '__proto__', { polluted: true });
        const parsed = alertRaised.parse(hostile);
        expect(Object.prototype.hasOwnProperty.call(parsed.data.measured, '__proto__')).toBe(false);
        expect(Object.getPrototypeOf(parsed.data.measured)).toBe(Object.prototype);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 20 },
    );
  });
});
