import { decimalComma, textCell, utilizationCsv, utilizationCsvFilename } from './utilization-csv';
import type { UtilizationReport } from '@plass/contracts';

const report: UtilizationReport = {
  from: '2023-12-31T23:00:00.000Z',
  to: '2024-12-31T23:00:00.000Z',
  countedUntil: '2024-12-31T23:00:00.000Z',
  groupBy: 'category',
  timeZone: 'Europe/Oslo',
  groups: [
    {
      key: 'resource-centre',
      name: 'Ressurssenter, rusfritt',
      possibleBedDays: 36966,
      usedBedDays: 24500,
      blockedBedDays: 0,
      unusedBedDays: 12466,
      occupancyRate: 24500 / 36966,
    },
    {
      key: 'acute',
      name: 'Akutt',
      possibleBedDays: 10,
      usedBedDays: 0,
      blockedBedDays: 10,
      unusedBedDays: 0,
      occupancyRate: null,
    },
  ],
  total: {
    possibleBedDays: 36976,
    usedBedDays: 24500.25,
    blockedBedDays: 10,
    unusedBedDays: 12465.75,
    occupancyRate: 24500.25 / 36966,
  },
};

describe(utilizationCsv.name, () => {
  it('writes Norwegian headers, semicolons, decimal commas and a total, with a BOM for Excel', () => {
    const csv = utilizationCsv(report);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'gruppe;mulige døgn;brukte døgn;sperrede døgn;ubrukte døgn;beleggsprosent',
      'Ressurssenter, rusfritt;36966;24500;0;12466;66,3',
      'Akutt;10;0;10;0;',
      'Totalt;36976;24500,25;10;12465,75;66,3',
      '',
    ]);
  });

  it('quotes separators and defuses cells a spreadsheet would read as a formula', () => {
    expect(textCell('Holmen; avd. "A"')).toBe('"Holmen; avd. ""A"""');
    expect(textCell('=SUM(A1:A9)')).toBe(`'=SUM(A1:A9)`);
    expect(decimalComma(-12.5, 2)).toBe('-12,5');
  });

  it("names the file after the grouping and the period's first and last day", () => {
    expect(utilizationCsvFilename(report)).toBe('beleggsrapport-category-2024-01-01-2024-12-31.csv');
  });
});
