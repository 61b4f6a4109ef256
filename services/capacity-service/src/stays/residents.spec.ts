import { districtResidents, median, type OpenStayRow } from './residents';

const now = Date.parse('2026-12-04T12:00:00Z');
const daysAgo = (days: number) => new Date(now - days * 86_400_000);

function stay(
  category: OpenStayRow['category'],
  days: number,
  institutionDistrictCode = '030101',
): OpenStayRow {
  return {
    unitId: '3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b',
    unitName: 'Akuttposten',
    institutionId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    institutionName: 'Holmen',
    category,
    institutionDistrictCode: institutionDistrictCode as OpenStayRow['institutionDistrictCode'],
    admittedAt: daysAgo(days),
    plannedDischargeDate: null,
  };
}

describe(districtResidents.name, () => {
  const result = districtResidents(
    '030103',
    [stay('acute', 1), stay('acute', 4.5, '030105'), stay('acute', 10), stay('resource-centre', 30)],
    [
      { category: 'acute', admitted: 3, discharged: 2 },
      { category: 'coping', admitted: 0, discharged: 0 },
    ],
    [{ category: 'resource-centre', waiting: 2, offers: 1 }],
    now,
  );

  it('sums per category and in total, with mean and median days so far of the open stays', () => {
    const acute = result.categories.find((c) => c.category === 'acute');
    expect(acute).toMatchObject({
      residentsNow: 3,
      admittedLast30Days: 3,
      dischargedLast30Days: 2,
      averageDaysSoFar: 5.2,
      medianDaysSoFar: 4.5,
      waitingReferrals: 0,
      openOffers: 0,
    });
    expect(result.total).toEqual({
      residentsNow: 4,
      admittedLast30Days: 3,
      dischargedLast30Days: 2,
      averageDaysSoFar: 11.4,
      medianDaysSoFar: 7.3,
      waitingReferrals: 2,
      openOffers: 1,
    });
    expect(result.name).toBe('Sagene');
  });

  it('leaves out categories with nothing in them and lists open stays longest first, in whole days', () => {
    expect(result.categories.map((c) => c.category)).toEqual(['acute', 'resource-centre']);
    expect(result.openStays.map((s) => s.daysSoFar)).toEqual([30, 10, 4, 1]);
    expect(result.openStays[2].institutionDistrictCode).toBe('030105');
  });

  it('has no mean or median without open stays', () => {
    const empty = districtResidents('030103', [], [], [], now);
    expect(empty.total.averageDaysSoFar).toBeNull();
    expect(empty.total.medianDaysSoFar).toBeNull();
    expect(empty.categories).toEqual([]);
    expect(median([3, 1, 2])).toBe(2);
  });
});
