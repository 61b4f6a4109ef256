import { SERVICE_CATEGORIES, type ServiceCategoryCode } from '@plass/domain';
import { computeIndicators } from './compute';
import { FIGURE_21_COLUMNS, FIGURES_2024, type Figure21District } from './figures';
import { CONSTRUCTED_RESOURCE_CENTRE_USED_BED_DAYS, generate2024, staysBegun2024 } from './generate';
import { toCsv } from './write';

const { year, constructed } = generate2024();
const computed = computeIndicators(year, '2024-01-01', '2025-01-01');
const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);
const categoryOf = new Map(year.units.map((u) => [u.unitId, u.category]));

describe('the generated 2024 year', () => {
  it('is the same on every run (seeded)', () => {
    const again = generate2024().year;
    for (const file of ['units', 'capacity', 'stays', 'blocks'] as const) {
      expect(toCsv(file, again[file])).toBe(toCsv(file, year[file]));
    }
  });

  it('writes the import format’s columns', () => {
    expect(toCsv('stays', year.stays).split('\n')[0]).toBe(
      'stayId,unitId,referringDistrictCode,admittedAt,dischargedAt,dischargeReason,plannedDischargeDate',
    );
    expect(toCsv('units', year.units).split('\n')[0]).toBe(
      'unitId,institutionId,institutionName,providerType,districtCode,unitName,category,openedAt',
    );
    expect(year.units.every((u) => u.openedAt < '2024-01-01')).toBe(true);
  });

  it('admits, discharges and blocks only between 08:00 and 22:00 Oslo time (never in a daylight-saving change)', () => {
    const times = [
      ...year.stays.flatMap((s) => [s.admittedAt, s.dischargedAt]),
      ...year.blocks.flatMap((b) => [b.from, b.to]),
    ];
    const outside = times.filter((t) => {
      const wall = t.slice(11, 16);
      return wall < '08:00' || wall > '22:00';
    });
    expect(outside).toEqual([]);
    expect(times.length).toBe(2 * (year.stays.length + year.blocks.length));
  });

  it('gives every category the occupancy rate of figure 22, and all institutions 87 %', () => {
    for (const [category, percent] of Object.entries(FIGURES_2024.occupancyPercent.byCategory)) {
      const u = computed.utilization[category as ServiceCategoryCode];
      const c = constructed.byCategory[category as ServiceCategoryCode];
      expect({
        category,
        possible: u?.possibleBedDays,
        used: u?.usedBedDays,
        blocked: u?.blockedBedDays,
      }).toEqual({
        category,
        possible: c?.possibleBedDays,
        used: c?.usedBedDays,
        blocked: c?.blockedBedDays,
      });
      expect({ category, percent: Math.round((u?.occupancyRate ?? 0) * 100) }).toEqual({ category, percent });
    }
    expect(Math.round((computed.utilization.all?.occupancyRate ?? 0) * 100)).toBe(
      FIGURES_2024.occupancyPercent.all,
    );
  });

  it('gives resource centres 36,966 possible, 24,350 used and 12,616 unused bed-days (about 37,000 / 24,500 / over 12,600, 66 %)', () => {
    const u = computed.utilization['resource-centre'];
    expect(u).toMatchObject({
      possibleBedDays: 36_966,
      usedBedDays: CONSTRUCTED_RESOURCE_CENTRE_USED_BED_DAYS,
      blockedBedDays: 0,
      unusedBedDays: 12_616,
    });
    const published = FIGURES_2024.resourceCentreBedDays;
    expect(Math.round((u?.possibleBedDays ?? 0) / 1000) * 1000).toBe(published.possibleAbout);
    expect(Math.round((u?.usedBedDays ?? 0) / 500) * 500).toBe(published.usedAbout);
    expect(u?.unusedBedDays).toBeGreaterThan(published.unusedOver);
    expect(Math.round((u?.occupancyRate ?? 0) * 100)).toBe(published.percent);
  });

  it('discharges 302 with immediate effect, split by category as published, none from Ljabruveien boliger', () => {
    const immediate = Object.fromEntries(
      Object.entries(computed.dischargesByReason)
        .map(([c, r]) => [c, r.immediate])
        .filter(([, n]) => n !== 0),
    );
    expect(immediate).toEqual(FIGURES_2024.immediateDischarges.byCategory);
    expect(sum(Object.values<number>(immediate))).toBe(FIGURES_2024.immediateDischarges.total);
    const ljabru = new Set(
      year.units.filter((u) => u.institutionName === 'Ljabruveien boliger').map((u) => u.unitId),
    );
    expect(year.stays.filter((s) => ljabru.has(s.unitId) && s.dischargeReason === 'immediate')).toEqual([]);
  });

  it('moves 353 to own housing, split by category as published, 11 of them without an Oslo address', () => {
    const moves = Object.fromEntries(
      Object.entries(computed.dischargesByReason)
        .map(([c, r]) => [c, r['own-housing']])
        .filter(([, n]) => n !== 0),
    );
    expect(moves).toEqual(FIGURES_2024.movesToOwnHousing.byCategory);
    expect(sum(Object.values<number>(moves))).toBe(FIGURES_2024.movesToOwnHousing.total);
    expect(computed.movesWithoutOsloAddress).toBe(FIGURES_2024.movesToOwnHousing.withoutOsloAddress);
  });

  it('has the stays beyond the norm of March–December by length, and no other', () => {
    const marchToDecember = computeIndicators(
      year,
      FIGURES_2024.staysBeyondNorm.from,
      FIGURES_2024.staysBeyondNorm.to,
    ).staysBeyondNorm;
    expect(marchToDecember).toEqual(FIGURES_2024.staysBeyondNorm.byCategory);
    // Built so that January and February add none: the whole year's report shows the same.
    expect(computed.staysBeyondNorm).toEqual(FIGURES_2024.staysBeyondNorm.byCategory);
  });

  it('begins each district’s stays in 2024 in figure 21’s proportions, "not stated" left out', () => {
    const begun = computed.staysBegun;
    expect(begun).toEqual(constructed.staysBegun);
    expect(constructed.staysBegun).toEqual(staysBegun2024());
    for (const [district, published] of Object.entries(FIGURES_2024.figure21)) {
      const counts = begun[district as Figure21District] ?? {};
      const total = sum(Object.values<number>(counts));
      const statedPercent = sum(FIGURE_21_COLUMNS.map((c) => published[c.key]));
      for (const column of FIGURE_21_COLUMNS) {
        const stays = sum(column.categories.map((c: ServiceCategoryCode) => counts[c] ?? 0));
        // share of the district's stays = published per cent / the per cents stated (ADR 0222)
        expect({ district, column: column.key, share: stays / total }).toEqual({
          district,
          column: column.key,
          share: published[column.key] / statedPercent,
        });
      }
    }
  });

  it('counts about 3,600 stays in 2024, every one of them in a known category', () => {
    expect(year.stays.length).toBeGreaterThan(3_500);
    expect(year.stays.length).toBeLessThan(3_700);
    const codes = new Set<string>(SERVICE_CATEGORIES.map((c) => c.code));
    expect(year.stays.every((s) => codes.has(categoryOf.get(s.unitId) ?? ''))).toBe(true);
  });
});
