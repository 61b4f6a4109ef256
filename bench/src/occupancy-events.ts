/**
 * Generated units and their `unit.occupancy-changed` events, valid by the contract, for loading the
 * capacity service straight through Kafka (drain and national scale) without the institution service.
 */
import { randomUUID } from 'node:crypto';
import {
  createEvent,
  TOPICS,
  UNIT_OCCUPANCY_CHANGED,
  UNIT_OCCUPANCY_CHANGED_SCHEMA,
  unitOccupancyChanged,
  type OccupancyChange,
} from '@plass/contracts';
import {
  DISTRICT_CODES,
  PROVIDER_TYPES,
  SERVICE_CATEGORY_CODES,
  type DistrictCode,
  type ProviderType,
  type ServiceCategoryCode,
} from '@plass/domain';
import type { EventProducer, OutgoingMessage } from '@plass/messaging';

export interface GeneratedUnit {
  unitId: string;
  unitName: string;
  institutionId: string;
  institutionName: string;
  category: ServiceCategoryCode;
  providerType: ProviderType;
  districtCode: DistrictCode;
  capacity: number;
  occupied: number;
  sequence: number;
  openStays: string[];
}

/** `count` units, `unitsPerInstitution` to an institution, spread over districts, categories and providers. */
export function generateUnits(count: number, unitsPerInstitution: number, label: string): GeneratedUnit[] {
  const units: GeneratedUnit[] = [];
  let institutionId = '';
  let institution = 0;
  for (let i = 0; i < count; i++) {
    if (i % unitsPerInstitution === 0) {
      institution += 1;
      institutionId = randomUUID();
    }
    units.push({
      unitId: randomUUID(),
      unitName: `${label} avdeling ${i + 1}`,
      institutionId,
      institutionName: `${label} institusjon ${institution}`,
      category: SERVICE_CATEGORY_CODES[i % SERVICE_CATEGORY_CODES.length],
      providerType: PROVIDER_TYPES[institution % PROVIDER_TYPES.length],
      districtCode: DISTRICT_CODES[institution % DISTRICT_CODES.length],
      capacity: 8 + (i % 17),
      occupied: 0,
      sequence: 0,
      openStays: [],
    });
  }
  return units;
}

function message(unit: GeneratedUnit, change: OccupancyChange, validate: boolean): OutgoingMessage {
  unit.sequence += 1;
  const event = createEvent({
    source: '/institution-service',
    type: UNIT_OCCUPANCY_CHANGED,
    subject: unit.unitId,
    sequence: unit.sequence,
    dataschema: UNIT_OCCUPANCY_CHANGED_SCHEMA,
    data: {
      unitId: unit.unitId,
      unitName: unit.unitName,
      institutionId: unit.institutionId,
      institutionName: unit.institutionName,
      category: unit.category,
      providerType: unit.providerType,
      districtCode: unit.districtCode,
      capacity: unit.capacity,
      occupied: unit.occupied,
      blocked: 0,
      reserved: 0,
      available: unit.capacity - unit.occupied,
      closed: false,
      change,
    },
  });
  if (validate) unitOccupancyChanged.parse(event);
  return { topic: TOPICS.institutionOccupancy, key: unit.unitId, value: JSON.stringify(event) };
}

/** The unit's `registered` event (sequence 1). */
export function registeredEvent(unit: GeneratedUnit, validate = false): OutgoingMessage {
  return message(unit, { kind: 'registered' }, validate);
}

/** The unit's next change: an admission while it has room and no stay open, else a discharge. */
export function nextChange(unit: GeneratedUnit, validate = false): OutgoingMessage {
  const district = DISTRICT_CODES[unit.sequence % DISTRICT_CODES.length];
  if (unit.openStays.length === 0 || (unit.occupied < unit.capacity && unit.sequence % 3 !== 0)) {
    const stayId = randomUUID();
    unit.openStays.push(stayId);
    unit.occupied += 1;
    return message(unit, { kind: 'admission', stayId, referringDistrictCode: district }, validate);
  }
  const stayId = unit.openStays.shift() as string;
  unit.occupied -= 1;
  return message(
    unit,
    { kind: 'discharge', stayId, referringDistrictCode: district, dischargeReason: 'planned' },
    validate,
  );
}

/**
 * `total` events: each unit's `registered`, then changes round-robin over the units, so a Kafka batch
 * holds many units (as a busy city would) and every unit's events stay in sequence order.
 */
export function* occupancyStream(units: GeneratedUnit[], total: number): Generator<OutgoingMessage> {
  let produced = 0;
  for (const unit of units) {
    if (produced >= total) return;
    yield registeredEvent(unit, produced === 0);
    produced += 1;
  }
  for (let i = 0; produced < total; i++, produced++) {
    yield nextChange(units[i % units.length], produced === units.length);
  }
}

/** Sends the stream in chunks; returns events per second of the producing side. */
export async function produceAll(
  producer: EventProducer,
  stream: Iterable<OutgoingMessage>,
  onProgress: (sent: number) => void,
  chunk = 2000,
): Promise<{ sent: number; ms: number }> {
  const started = performance.now();
  let batch: OutgoingMessage[] = [];
  let sent = 0;
  for (const m of stream) {
    batch.push(m);
    if (batch.length >= chunk) {
      await producer.send(batch);
      sent += batch.length;
      batch = [];
      onProgress(sent);
    }
  }
  if (batch.length > 0) {
    await producer.send(batch);
    sent += batch.length;
    onProgress(sent);
  }
  return { sent, ms: performance.now() - started };
}
