import { unitStateFromRow } from './unit-state-row';

describe('unitStateFromRow', () => {
  it('maps the snake_case row to a UnitState, the bigint sequence to a number and the time to ISO', () => {
    expect(
      unitStateFromRow({
        unit_id: 'u1',
        unit_name: 'Unit',
        institution_id: 'i1',
        institution_name: 'Inst',
        category: 'LTP',
        provider_type: 'municipal',
        district_code: 'frogner',
        features: ['women-only', 'wheelchair'],
        capacity: 10,
        occupied: 4,
        blocked: 1,
        reserved: 2,
        closed: false,
        sequence: '42',
        last_change_kind: 'admission',
        last_change_at: new Date('2026-11-23T10:00:00.000Z'),
      } as never),
    ).toEqual({
      unitId: 'u1',
      unitName: 'Unit',
      institutionId: 'i1',
      institutionName: 'Inst',
      category: 'LTP',
      providerType: 'municipal',
      districtCode: 'frogner',
      features: ['women-only', 'wheelchair'],
      capacity: 10,
      occupied: 4,
      blocked: 1,
      reserved: 2,
      closed: false,
      sequence: 42,
      lastChangeKind: 'admission',
      lastChangeAt: '2026-11-23T10:00:00.000Z',
    });
  });
});
