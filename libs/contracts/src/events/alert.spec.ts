import { createEvent } from '../envelope';
import {
  ALERT_ACKNOWLEDGED,
  ALERT_RAISED,
  ALERT_RESOLVED,
  ALERT_SCHEMA,
  alertRaised,
  parseAlertEvent,
  type AlertData,
} from './alert';

const id = '3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b';

function alert(overrides: Partial<AlertData> = {}): AlertData {
  return {
    id,
    code: 'NO_AVAILABILITY',
    severity: 'critical',
    status: 'open',
    scope: 'category',
    scopeId: 'acute',
    scopeKey: 'category:acute',
    scopeName: 'Akutt',
    housingType: null,
    institutionId: null,
    districtCode: null,
    category: 'acute',
    rooms: ['category:acute', 'city'],
    measured: { capacity: 26, available: 0, occupancyRate: 1 },
    raisedAt: '2026-11-23T10:00:00.000Z',
    acknowledgedAt: null,
    acknowledgedBy: null,
    resolvedAt: null,
    version: 1,
    ...overrides,
  };
}

function event(type: string, data: AlertData) {
  return createEvent({
    source: '/capacity-service',
    type,
    subject: data.id,
    sequence: data.version,
    dataschema: ALERT_SCHEMA,
    data,
  });
}

describe('alert contracts', () => {
  it('accepts a raised alert and round-trips it through JSON', () => {
    const e = event(ALERT_RAISED, alert());
    expect(alertRaised.parse(JSON.parse(JSON.stringify(e)))).toEqual({ ...e, sequence: e.data.version });
  });

  it('parses every transition of the topic by its type', () => {
    const acknowledged = alert({
      status: 'acknowledged',
      acknowledgedAt: '2026-11-23T10:05:00.000Z',
      acknowledgedBy: 'intake-1',
      version: 2,
    });
    expect(parseAlertEvent(event(ALERT_ACKNOWLEDGED, acknowledged)).type).toBe(ALERT_ACKNOWLEDGED);
    const resolved = alert({ status: 'resolved', resolvedAt: '2026-11-23T11:00:00.000Z', version: 2 });
    expect(parseAlertEvent(event(ALERT_RESOLVED, resolved)).type).toBe(ALERT_RESOLVED);
    expect(() => parseAlertEvent({ type: 'no.oslo.plassoversikt.alert.deleted' })).toThrow(/type must be/);
  });

  it('refuses an event whose status does not match its transition', () => {
    expect(() => parseAlertEvent(event(ALERT_RESOLVED, alert({ version: 2 })))).toThrow(/resolved/);
    expect(() => parseAlertEvent(event(ALERT_RAISED, alert({ version: 2 })))).toThrow(/version 1/);
  });

  it('refuses an acknowledgement without its person, and housing types outside HOUSING_SHORTAGE', () => {
    expect(() =>
      parseAlertEvent(
        event(
          ALERT_ACKNOWLEDGED,
          alert({ status: 'acknowledged', acknowledgedAt: '2026-11-23T10:05:00.000Z', version: 2 }),
        ),
      ),
    ).toThrow(/acknowledgedBy/);
    expect(() => parseAlertEvent(event(ALERT_RAISED, alert({ housingType: 'ordinary' })))).toThrow(
      /housingType/,
    );
  });

  it('refuses unknown fields, so that no free text can be smuggled in', () => {
    expect(() =>
      parseAlertEvent(event(ALERT_RAISED, { ...alert(), note: 'Ola Nordmann' } as AlertData)),
    ).toThrow(/note/);
  });
});
