import type { AlertData } from '@plass/contracts';
import { deliveredAlert, emailMessage, osloDateTime } from './notification-message';

const alert: AlertData = {
  id: '2b7f3a9e-8c41-4d55-9a0e-1f2e3d4c5b6a',
  code: 'HOUSING_SHORTAGE',
  severity: 'warning',
  status: 'open',
  scope: 'district',
  scopeId: '030103',
  scopeKey: 'district:030103',
  scopeName: 'Sagene',
  housingType: 'transitional',
  institutionId: null,
  districtCode: '030103',
  category: null,
  rooms: ['district:030103', 'city'],
  measured: { need: 12, vacant: 2 },
  raisedAt: '2026-12-04T16:05:00.000Z',
  acknowledgedAt: null,
  acknowledgedBy: null,
  resolvedAt: null,
  version: 1,
};

describe('emailMessage', () => {
  it('says in Norwegian what, where and when, with the code', () => {
    const { subject, text } = emailMessage(alert, 'raised');
    expect(subject).toBe('[Plassoversikt] Nytt varsel: Boligmangel (HOUSING_SHORTAGE) – Bydel Sagene');
    expect(text).toContain('Gjelder: Bydel Sagene');
    expect(text).toContain('Tidspunkt: 04.12.2026 kl. 17:05');
    expect(text).toContain('Behov: 12');
    expect(text).toContain('Ledige boliger: 2');
  });

  it('names a resolved alert as resolved at its resolution time', () => {
    const { subject, text } = emailMessage(
      { ...alert, status: 'resolved', resolvedAt: '2026-06-01T08:00:00.000Z' },
      'resolved',
    );
    expect(subject).toMatch(/^\[Plassoversikt\] Varsel løst: Boligmangel/);
    expect(text).toContain('Tidspunkt: 01.06.2026 kl. 10:00');
  });

  it('writes Oslo time as 04.12.2026 kl. 17:05', () => {
    expect(osloDateTime('2026-12-04T16:05:00Z')).toBe('04.12.2026 kl. 17:05');
  });
});

describe('a housing shortage per district in words', () => {
  it('names each type short with its Norwegian name', () => {
    const { text } = emailMessage(
      { ...alert, measured: { need: 12, vacant: 2, shortfall: 10, 'shortfall.transitional': 10 } },
      'raised',
    );
    expect(text).toContain('Mangel, Gjennomgangsbolig: 10');
  });
});

describe('deliveredAlert', () => {
  it('leaves out who acknowledged: staff identity does not leave the system', () => {
    const acknowledged = {
      ...alert,
      status: 'acknowledged' as const,
      acknowledgedAt: '2026-12-04T16:10:00.000Z',
      acknowledgedBy: 'staff-42',
    };
    const body = JSON.stringify(deliveredAlert(acknowledged));
    expect(body).not.toContain('staff-42');
    expect(body).toContain('"acknowledgedAt":"2026-12-04T16:10:00.000Z"');
  });
});
