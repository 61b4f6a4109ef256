/**
 * Every message on every topic is a CloudEvent by the Kafka protocol binding (ADR 0130): the official
 * CloudEvents SDK's `Kafka.toEvent` decodes each one the services sent, with the type, subject and data
 * our contracts read from it, and `sequence` as the sequence extension's string (ADR 0131).
 */
import { signDevToken } from '@plass/auth';
import {
  ALERT_RAISED,
  CAPACITY_CHANGED,
  CLOUDEVENTS_JSON,
  formatSequence,
  HOUSING_CHANGED,
  HOUSING_NEED_CHANGED,
  HOUSING_UNIT_STATUS_CHANGED,
  housingNeedChanged,
  housingUnitStatusChanged,
  parseAlertEvent,
  parseCapacityTopicEvent,
  TOPICS,
  unitOccupancyChanged,
  UNIT_OCCUPANCY_CHANGED,
  type HousingUnitDto,
  type InstitutionDto,
  type UnitDto,
} from '@plass/contracts';
import {
  ApiClient,
  expectStatus,
  institutionFactory,
  startKafkaProbe,
  startTestStack,
  unitFactory,
  type KafkaProbe,
  type TestStack,
} from '@plass/testing';
import { CloudEvent, Kafka, type KafkaMessage } from 'cloudevents';

interface Envelope {
  type: string;
  subject: string;
  sequence: number;
  data: unknown;
}

/** Our own reading of each topic: the contracts the consumers use. */
const CONTRACTS: Record<string, (value: unknown) => Envelope> = {
  [TOPICS.institutionOccupancy]: (v) => unitOccupancyChanged.parse(v),
  [TOPICS.housingAvailability]: (v) =>
    (v as { type?: unknown }).type === HOUSING_NEED_CHANGED
      ? housingNeedChanged.parse(v)
      : housingUnitStatusChanged.parse(v),
  [TOPICS.capacityChanged]: (v) => parseCapacityTopicEvent(v),
  [TOPICS.capacityAlerts]: (v) => parseAlertEvent(v),
};

/** The types each topic must have shown before the messages are decoded. */
const EXPECTED_TYPES: Record<string, string[]> = {
  [TOPICS.institutionOccupancy]: [UNIT_OCCUPANCY_CHANGED],
  [TOPICS.housingAvailability]: [HOUSING_UNIT_STATUS_CHANGED, HOUSING_NEED_CHANGED],
  [TOPICS.capacityChanged]: [CAPACITY_CHANGED, HOUSING_CHANGED],
  [TOPICS.capacityAlerts]: [ALERT_RAISED],
};

describe('the CloudEvents Kafka binding on every topic', () => {
  let stack: TestStack;
  const probes = new Map<string, KafkaProbe<{ type: string }>>();

  beforeAll(async () => {
    stack = await startTestStack();
    for (const topic of Object.keys(CONTRACTS)) {
      probes.set(topic, await startKafkaProbe<{ type: string }>(stack.messaging, topic));
    }
    const admin = new ApiClient(
      stack.gatewayUrl,
      await signDevToken({ roles: ['admin'], institutionIds: [], districtCode: null }),
    );
    const institution = expectStatus(
      await admin.post<InstitutionDto>('/api/institutions', institutionFactory().build()),
      201,
    );
    // One place only: the admission fills the category city-wide, which raises NO_AVAILABILITY.
    const unit = expectStatus(
      await admin.post<UnitDto>(
        `/api/institutions/${institution.id}/units`,
        unitFactory().capacity(1).build(),
      ),
      201,
    );
    const staff = new ApiClient(
      stack.gatewayUrl,
      await signDevToken({
        roles: ['institution-staff'],
        institutionIds: [institution.id],
        districtCode: null,
      }),
    );
    expectStatus(
      await staff.post(
        `/api/units/${unit.id}/admissions`,
        { referringDistrictCode: '030102' },
        { 'idempotency-key': 'cloudevents-admission-1' },
      ),
      201,
    );
    const district = new ApiClient(
      stack.gatewayUrl,
      await signDevToken({ roles: ['district-staff'], institutionIds: [], districtCode: '030102' }),
    );
    expectStatus(
      await district.post<HousingUnitDto>('/api/housing/units', { districtCode: '030102', type: 'ordinary' }),
      201,
    );
    expectStatus(await district.put('/api/housing/needs/030102', { needs: { ordinary: 3 } }), 200);
  }, 120_000);

  afterAll(async () => {
    for (const probe of probes.values()) await probe.stop();
    await stack?.dispose();
  });

  it.each(Object.keys(CONTRACTS))('decodes every message of %s with the SDK', async (topic) => {
    const probe = probes.get(topic) as KafkaProbe<{ type: string }>;
    for (const type of EXPECTED_TYPES[topic]) {
      await probe.waitFor((value) => value.type === type, { timeoutMs: 30_000 });
    }
    expect(probe.messages.length).toBeGreaterThan(0);
    for (const message of probe.messages) {
      expect(message.headers['content-type']).toBe(CLOUDEVENTS_JSON);
      // The bytes the service sent, not our parse of them.
      const value = message.raw?.toString('utf8') ?? '';
      const kafkaMessage: KafkaMessage<string> = {
        key: message.key ?? '',
        value,
        headers: message.headers,
        body: value,
      };
      const decoded = Kafka.toEvent(kafkaMessage);
      expect(decoded).toBeInstanceOf(CloudEvent);
      const event = decoded as CloudEvent<unknown>;
      // Valid by the SDK's own validation of the CloudEvents 1.0 schema.
      expect(event.validate()).toBe(true);
      const ours = CONTRACTS[topic](message.value);
      expect({
        specversion: event.specversion,
        type: event.type,
        subject: event.subject,
        sequence: event.sequence,
        datacontenttype: event.datacontenttype,
        data: event.data,
      }).toEqual({
        specversion: '1.0',
        type: ours.type,
        subject: ours.subject,
        sequence: formatSequence(ours.sequence),
        datacontenttype: 'application/json',
        data: ours.data,
      });
      expect(event.partitionkey).toBe(message.key);
    }
  });
});
