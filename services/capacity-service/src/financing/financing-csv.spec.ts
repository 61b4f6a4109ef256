import type { FinancingFigures, FinancingReport } from '@plass/contracts';
import { FINANCING_CSV_HEADER, financingCsv, financingCsvFilename } from './financing-csv';

const figures = (over: Partial<FinancingFigures> = {}): FinancingFigures => ({
  ownAvailableBedDays: 10.5,
  ownUsedBedDays: 4.25,
  ownUnusedBedDays: 6.25,
  nonprofitAvailableBedDays: 5,
  nonprofitUsedBedDays: 5,
  nonprofitUnusedBedDays: 0,
  purchasedBedDays: 4,
  purchaseCost: 12_000,
  purchasedWhileFreeBedDays: 2,
  purchaseCostWhileFree: 6000,
  daysBoughtWhileFree: 2,
  ...over,
});

const report: FinancingReport = {
  from: '2026-08-31T22:00:00.000Z',
  to: '2026-09-05T22:00:00.000Z',
  countedUntil: '2026-09-05T22:00:00.000Z',
  groupBy: 'district',
  timeZone: 'Europe/Oslo',
  groups: [
    {
      key: '030103',
      name: 'Sagene',
      ...figures({ ownAvailableBedDays: null, ownUnusedBedDays: null, nonprofitAvailableBedDays: null }),
    },
  ],
  total: figures(),
};

describe('financingCsv', () => {
  it('writes a BOM, the Norwegian header, decimal commas, empty cells for a district and a total row', () => {
    const lines = financingCsv(report).split('\r\n');
    expect(lines[0]).toBe(`\uFEFF${FINANCING_CSV_HEADER.join(';')}`);
    expect(lines[1]).toBe('Sagene;;4,25;;;5;0;4;12000;2;6000;2');
    expect(lines[2]).toBe('Totalt;10,5;4,25;6,25;5;5;0;4;12000;2;6000;2');
    expect(lines[3]).toBe('');
  });

  it("names the file after the grouping and the period's first and last Oslo day", () => {
    expect(financingCsvFilename(report)).toBe('finansiering-district-2026-09-01-2026-09-05.csv');
  });
});
