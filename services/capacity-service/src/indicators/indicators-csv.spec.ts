import type { CapacityIndicators } from '@plass/contracts';
import { indicatorsCsv, indicatorsCsvFilename } from './indicators-csv';

const report: CapacityIndicators = {
  from: '2025-12-31T23:00:00.000Z',
  to: '2026-01-02T23:00:00.000Z',
  countedUntil: '2026-01-02T23:00:00.000Z',
  timeZone: 'Europe/Oslo',
  flow: [
    { date: '2026-01-01', admissions: 2, discharges: 1 },
    { date: '2026-01-02', admissions: 0, discharges: 3 },
  ],
  dischargesByReason: [
    {
      category: 'acute',
      name: 'Akutt',
      total: 4,
      byReason: { planned: 1, 'own-housing': 2, immediate: 1, transfer: 0, dropout: 0, other: 0 },
    },
  ],
  movesToOwnHousing: [{ category: 'acute', name: 'Akutt', count: 2, withoutOsloAddress: 0 }],
  referrals: [
    {
      districtCode: '030103',
      name: 'Sagene',
      stays: 3,
      categories: [{ category: 'acute', stays: 2, share: 2 / 3 }],
    },
  ],
  staysOverNorm: [
    { category: 'acute', name: 'Akutt', normedMaxStayDays: 3, openStays: 5, overNorm: 1, longestDays: null },
  ],
  staysBeyondNorm: [
    {
      category: 'assessment-active',
      name: 'Utredning',
      normedMaxStayDays: 90,
      total: 141,
      buckets: { threeMonthsToOneYear: 128, oneToTwoYears: 11, twoToFiveYears: 2, overFiveYears: 0 },
    },
  ],
};

describe(indicatorsCsv.name, () => {
  const csv = indicatorsCsv(report);
  const lines = csv
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');

  it('opens with a BOM and a Norwegian header, one figure per CRLF line', () => {
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(lines[0]).toBe('indikator;dato;tjenestekategori;bydel;verdi');
  });

  it('has the daily flow, the reasons, the referring districts with decimal-comma shares and the norms', () => {
    expect(lines).toContain('innleggelser;2026-01-01;;;2');
    expect(lines).toContain('utskrivninger;2026-01-02;;;3');
    expect(lines).toContain('utskrivninger: til egen bolig;;Akutt;;2');
    expect(lines).toContain('opphold startet;;Akutt;Sagene;2');
    expect(lines).toContain('andel av bydelens opphold;;Akutt;Sagene;0,667');
    expect(lines).toContain('over normert tid (3 døgn);;Akutt;;1');
    expect(lines).toContain('lengste åpne opphold (døgn);;Akutt;;');
  });

  it('has moves without an Oslo address and the stays beyond the norm by length (ADR 0221)', () => {
    expect(lines).toContain('flyttet til egen bolig: uten adresse i Oslo;;Akutt;;0');
    expect(lines).toContain('utover normert botid (90 døgn) i alt;;Utredning;;141');
    expect(lines).toContain('utover normert botid: 3 måneder–1 år;;Utredning;;128');
    expect(lines).toContain('utover normert botid: Over 5 år;;Utredning;;0');
  });

  it('writes hidden counts as <5 and a share or longest stay computed from one as «ikke vist»', () => {
    const suppressed: CapacityIndicators = {
      ...report,
      suppression: { threshold: 5 },
      flow: [{ date: '2026-01-01', admissions: null, discharges: 0, suppressed: ['admissions'] }],
      dischargesByReason: [
        {
          category: 'acute',
          name: 'Akutt',
          total: 12,
          byReason: { planned: 8, 'own-housing': null, immediate: null, transfer: 0, dropout: 0, other: 0 },
          suppressed: ['byReason.own-housing', 'byReason.immediate'],
        },
      ],
      referrals: [
        {
          districtCode: '030103',
          name: 'Sagene',
          stays: 12,
          categories: [{ category: 'acute', stays: null, share: null, suppressed: ['stays', 'share'] }],
        },
      ],
      staysOverNorm: [
        {
          category: 'acute',
          name: 'Akutt',
          normedMaxStayDays: 3,
          openStays: null,
          overNorm: null,
          longestDays: null,
          suppressed: ['openStays', 'overNorm', 'longestDays'],
        },
      ],
    };
    const rows = indicatorsCsv(suppressed).split('\r\n');
    expect(rows).toContain('innleggelser;2026-01-01;;;<5');
    expect(rows).toContain('utskrivninger;2026-01-01;;;0');
    expect(rows).toContain('utskrivninger: øyeblikkelig utskrivning;;Akutt;;<5');
    expect(rows).toContain('utskrivninger i alt;;Akutt;;12');
    expect(rows).toContain('opphold startet;;Akutt;Sagene;<5');
    expect(rows).toContain('andel av bydelens opphold;;Akutt;Sagene;ikke vist');
    expect(rows).toContain('over normert tid (3 døgn);;Akutt;;<5');
    expect(rows).toContain('lengste åpne opphold (døgn);;Akutt;;ikke vist');
  });

  it("is named after the period's first and last Oslo day", () => {
    expect(indicatorsCsvFilename(report)).toBe('styringsdata-2026-01-01-2026-01-02.csv');
  });
});
