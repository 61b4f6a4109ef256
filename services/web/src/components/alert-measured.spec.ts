import { describe, expect, it } from '@jest/globals';
import type { AlertData } from '@plass/contracts';
import { measuredText } from './alert-measured';

const alert = (overrides: Partial<AlertData>): AlertData => ({
  id: '3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b',
  code: 'HOUSING_SHORTAGE',
  severity: 'warning',
  status: 'open',
  scope: 'district',
  scopeId: '030103',
  scopeKey: 'district:030103',
  scopeName: 'Sagene',
  housingType: null,
  institutionId: null,
  districtCode: '030103',
  category: null,
  rooms: ['district:030103', 'city'],
  measured: {},
  raisedAt: '2026-12-04T10:00:00.000Z',
  acknowledgedAt: null,
  acknowledgedBy: null,
  resolvedAt: null,
  version: 1,
  ...overrides,
});

describe(measuredText.name, () => {
  it('shows a district’s housing shortage per type, with need and vacant dwellings (ADR 0172)', () => {
    const text = measuredText(
      alert({
        measured: {
          need: 17,
          vacant: 4,
          shortfall: 13,
          typesShort: 2,
          'shortfall.ordinary': 10,
          'need.ordinary': 12,
          'vacant.ordinary': 2,
          'shortfall.cluster-staffed-24h': 3,
          'need.cluster-staffed-24h': 5,
          'vacant.cluster-staffed-24h': 2,
        },
      }),
    );
    expect(text).toMatch(/: mangler 10 \(behov 12, ledige 2\); .+: mangler 3 \(behov 5, ledige 2\)$/);
  });

  it('shows overcapacity among a scope’s figures (ADR 0171)', () => {
    const text = measuredText(
      alert({
        code: 'NO_AVAILABILITY',
        scope: 'category',
        measured: { capacity: 4, occupied: 4, available: 0, overCapacity: 1 },
      }),
    );
    expect(text).toBe('plasser 4, opptatt 4, ledige 0, over kapasitet 1');
  });
});
