import type { DemandReport } from '@plass/contracts';
import { demandCsv, demandCsvFilename } from './demand-csv';

const figures = {
  received: 4,
  placed: 2,
  withdrawn: 1,
  waitingNow: 3,
  waitingHoursP50: 10.5,
  waitingHoursP90: null,
  offersDeclined: { 'declined-by-resident': 2, unsuitable: 1, 'placed-elsewhere': 0, other: 0 },
};

const report: DemandReport = {
  from: '2026-10-31T23:00:00.000Z',
  to: '2026-11-30T23:00:00.000Z',
  groupBy: 'category',
  timeZone: 'Europe/Oslo',
  groups: [{ key: 'coping', name: 'Mestringsenhet', ...figures, daysWithoutFreePlace: 6 }],
  total: figures,
};

describe(demandCsv.name, () => {
  it('writes one line per group and a total, with decimal commas, a BOM and CRLF', () => {
    expect(demandCsv(report).split('\r\n')).toEqual([
      '\uFEFFgruppe;mottatt;plassert;trukket;venter nå;ventetid p50 (timer);ventetid p90 (timer);' +
        'tilbud avslått: beboer takket nei;tilbud avslått: uegnet;tilbud avslått: plassert annet sted;' +
        'tilbud avslått: annet;døgn uten ledig plass',
      'Mestringsenhet;4;2;1;3;10,5;;2;1;0;0;6',
      'Totalt;4;2;1;3;10,5;;2;1;0;0;',
      '',
    ]);
  });

  it('has no free-place column by district', () => {
    const byDistrict: DemandReport = {
      ...report,
      groupBy: 'district',
      groups: [{ key: '030101', name: 'Gamle Oslo', ...figures }],
    };
    expect(demandCsv(byDistrict).split('\r\n')[1]).toBe('Gamle Oslo;4;2;1;3;10,5;;2;1;0;0');
  });

  it('writes a hidden count as <5 and a percentile computed from one as «ikke vist»', () => {
    const hidden = {
      ...figures,
      received: null,
      placed: null,
      waitingHoursP50: null,
      waitingHoursP90: null,
      suppressed: ['received', 'placed', 'waitingHoursP50', 'waitingHoursP90'],
    };
    const suppressed: DemandReport = {
      ...report,
      suppression: { threshold: 5 },
      groups: [{ key: 'coping', name: 'Mestringsenhet', ...hidden, daysWithoutFreePlace: 6 }],
    };
    expect(demandCsv(suppressed).split('\r\n')[1]).toBe(
      'Mestringsenhet;<5;<5;1;3;ikke vist;ikke vist;2;1;0;0;6',
    );
  });

  it('names the file by the Oslo days of the period', () => {
    expect(demandCsvFilename(report)).toBe('ettersporsel-category-2026-11-01-2026-11-30.csv');
  });
});
