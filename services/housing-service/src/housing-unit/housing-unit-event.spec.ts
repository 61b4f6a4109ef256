import {
  housingNeedChanged,
  type CloudEvent,
  housingUnitStatusChanged,
  TOPICS,
  type HousingUnitStatusChangedEvent,
} from '@plass/contracts';
import { fullNeeds } from '../housing-need/housing-need-map';
import { housingNeedChangedMessage } from '../housing-need/housing-need-event';
import { HousingUnitEntity } from './housing-unit.entity';
import { housingUnitChangedMessage } from './housing-unit-event';

const ID = '3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b';

function unit(overrides: Partial<HousingUnitEntity> = {}): HousingUnitEntity {
  const at = new Date('2026-11-23T10:00:00.000Z');
  return Object.assign(new HousingUnitEntity(), {
    id: ID,
    districtCode: '030103',
    type: 'cluster-staffed-24h',
    label: 'B-0412',
    status: 'vacant',
    reason: null,
    reservedUntil: null,
    sequence: 1,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  });
}

/** The event as it is on the wire (`sequence` the padded string). */
const parsed = (value: string) => JSON.parse(value) as CloudEvent<HousingUnitStatusChangedEvent['data']>;

describe('housingUnitChangedMessage', () => {
  it('keys the event by the unit and carries its resulting state', () => {
    const message = housingUnitChangedMessage(
      unit({ status: 'reserved', reservedUntil: new Date('2026-11-30T10:00:00.000Z'), sequence: 2 }),
      'vacant',
      'status-changed',
    );
    expect(message.topic).toBe(TOPICS.housingAvailability);
    expect(message.key).toBe(ID);
    const event = parsed(message.value);
    expect(event).toMatchObject({ subject: ID, sequence: '0000000000000000002', source: '/housing-service' });
    expect(event.data).toEqual({
      housingUnitId: ID,
      districtCode: '030103',
      type: 'cluster-staffed-24h',
      status: 'reserved',
      previousStatus: 'vacant',
      reservedUntil: '2026-11-30T10:00:00.000Z',
      change: 'status-changed',
    });
  });

  it('never carries the label, which is the owner’s business', () => {
    expect(housingUnitChangedMessage(unit(), null, 'registered').value).not.toContain('B-0412');
  });

  it('refuses to build an event that breaks the contract', () => {
    expect(() =>
      housingUnitChangedMessage(unit({ status: 'unavailable' }), 'vacant', 'status-changed'),
    ).toThrow(/reason is given exactly when unavailable/);
    expect(() => housingUnitChangedMessage(unit(), 'vacant', 'registered')).toThrow(/previousStatus/);
  });
});

describe('housing event contracts', () => {
  const event = () => parsed(housingUnitChangedMessage(unit(), null, 'registered').value);

  it('accepts what the service produces', () => {
    const e = event();
    expect(housingUnitStatusChanged.parse(e)).toEqual({ ...e, sequence: 1 });
  });

  it('rejects unknown fields so that no free text can be smuggled in', () => {
    const e = event();
    expect(() => housingUnitStatusChanged.parse({ ...e, data: { ...e.data, tenantName: 'Ola' } })).toThrow(
      /tenantName/,
    );
  });

  it('rejects an event whose subject is not the unit', () => {
    expect(() => housingUnitStatusChanged.parse({ ...event(), subject: 'something-else' })).toThrow(
      /subject/,
    );
  });

  it('keys a need event by need:<district> and requires every housing type', () => {
    const message = housingNeedChangedMessage('030101', fullNeeds({ ordinary: 12 }), 3, new Date());
    expect(message.key).toBe('need:030101');
    const needEvent = JSON.parse(message.value) as { data: { needs: Record<string, number> } };
    expect(housingNeedChanged.parse(needEvent)).toMatchObject({ subject: 'need:030101', sequence: 3 });
    const withoutOrdinary = Object.fromEntries(
      Object.entries(needEvent.data.needs).filter(([type]) => type !== 'ordinary'),
    );
    expect(() =>
      housingNeedChanged.parse({ ...needEvent, data: { ...needEvent.data, needs: withoutOrdinary } }),
    ).toThrow(/ordinary/);
    expect(() =>
      housingNeedChanged.parse({
        ...needEvent,
        data: { ...needEvent.data, needs: { ...needEvent.data.needs, penthouse: 1 } },
      }),
    ).toThrow(/penthouse/);
  });
});
