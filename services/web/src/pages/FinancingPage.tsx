/**
 * Finansiering: the city's own and non-profit places in bed-days (available, used, unused) next to the
 * districts' purchased places, their cost and the days bought while the city had a free place in the
 * category (ADR 0226), per category or district, for a chosen period; also as CSV.
 */
import { PktButton, PktSelect, PktTextinput } from '@oslokommune/punkt-react';
import {
  getFinancingReport,
  type FinancingFigures,
  type FinancingGroupBy,
  type FinancingReport,
} from '@plass/contracts/rest';
import { useState, type FormEvent } from 'react';
import { useResource } from '../api/use-resource';
import { useApi } from '../auth/session';
import { useCsvDownload } from '../components/CsvDownload';
import { PageTitle } from '../components/PageTitle';
import { ResourceView } from '../components/Resource';
import { formatCount, formatDay, formatDays, isoDay, nextDay } from '../format';
import './pages.css';

const kroner = (value: number) => `${formatCount(value)} kr`;

function Cells({ f }: { f: FinancingFigures }) {
  return (
    <>
      <td>{formatDays(f.ownAvailableBedDays)}</td>
      <td>{formatDays(f.ownUsedBedDays)}</td>
      <td>{formatDays(f.ownUnusedBedDays)}</td>
      <td>{formatDays(f.nonprofitAvailableBedDays)}</td>
      <td>{formatDays(f.nonprofitUsedBedDays)}</td>
      <td>{formatDays(f.nonprofitUnusedBedDays)}</td>
      <td>{formatCount(f.purchasedBedDays)}</td>
      <td>{kroner(f.purchaseCost)}</td>
      <td className={f.purchasedWhileFreeBedDays > 0 ? 'warning-text' : undefined}>
        {formatCount(f.purchasedWhileFreeBedDays)}
      </td>
      <td>{kroner(f.purchaseCostWhileFree)}</td>
      <td>{formatCount(f.daysBoughtWhileFree)}</td>
    </>
  );
}

function FinancingTable({ report }: { report: FinancingReport }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Tabell, kan rulles sideveis">
      <table className="pkt-table pkt-table--compact numbers" data-testid="financing-table">
        <caption className="pkt-sr-only">
          Finansiering per {report.groupBy === 'category' ? 'kategori' : 'bydel'}
        </caption>
        <thead>
          <tr>
            <th scope="col">{report.groupBy === 'category' ? 'Tjenestekategori' : 'Bydel'}</th>
            <th scope="col">Tilgjengelige døgn egenregi</th>
            <th scope="col">Brukte døgn egenregi</th>
            <th scope="col">Ubrukte døgn egenregi</th>
            <th scope="col">Tilgjengelige døgn ideelle</th>
            <th scope="col">Brukte døgn ideelle</th>
            <th scope="col">Ubrukte døgn ideelle</th>
            <th scope="col">Kjøpte døgn</th>
            <th scope="col">Kostnad kjøp</th>
            <th scope="col">Kjøpte døgn med ledig plass</th>
            <th scope="col">Kostnad med ledig plass</th>
            <th scope="col">Dager kjøpt med ledig plass</th>
          </tr>
        </thead>
        <tbody>
          {report.groups.map((g) => (
            <tr key={g.key} data-testid={`financing-${g.key}`}>
              <th scope="row">{g.name}</th>
              <Cells f={g} />
            </tr>
          ))}
          <tr data-testid="financing-total">
            <th scope="row">Totalt</th>
            <Cells f={report.total} />
          </tr>
        </tbody>
      </table>
    </div>
  );
}

export default function FinancingPage() {
  const api = useApi();
  const today = new Date();
  const [from, setFrom] = useState(`${isoDay(today).slice(0, 4)}-01-01`);
  const [to, setTo] = useState(isoDay(today));
  const [groupBy, setGroupBy] = useState<FinancingGroupBy>('category');
  const [shown, setShown] = useState({ from, to, groupBy });
  const report = useResource(`${shown.from}|${shown.to}|${shown.groupBy}`, (client, signal) =>
    client.call(
      getFinancingReport,
      { query: { from: shown.from, to: nextDay(shown.to), groupBy: shown.groupBy } },
      { signal },
    ),
  );
  const download = useCsvDownload(
    () =>
      api.raw(
        getFinancingReport,
        { query: { from, to: nextDay(to), groupBy, format: 'csv' } },
        { accept: 'text/csv' },
      ),
    () => `finansiering-${groupBy}-${from}-${to}.csv`,
    'CSV-nedlastingen',
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setShown({ from, to, groupBy });
  };

  return (
    <>
      <PageTitle lead="Tilgjengelig kapasitet i egne og ideelle plasser (plasser minus sperrede), hvor mye som ble brukt, og hva bydelene kjøpte hos private – også de dagene byen hadde ledig plass i samme kategori.">
        Finansiering
      </PageTitle>
      <form className="filters" onSubmit={submit} aria-label="Velg periode og gruppering">
        <PktTextinput
          id="financing-from"
          label="Fra og med"
          type="date"
          value={from}
          max={to}
          onChange={(e) => setFrom(e.target.value)}
          required
        />
        <PktTextinput
          id="financing-to"
          label="Til og med"
          type="date"
          value={to}
          min={from}
          onChange={(e) => setTo(e.target.value)}
          required
        />
        <PktSelect
          id="financing-group-by"
          label="Grupper etter"
          value={groupBy}
          onChange={(e) => setGroupBy(e.target.value as FinancingGroupBy)}
        >
          <option value="category">Tjenestekategori</option>
          <option value="district">Bydel</option>
        </PktSelect>
        <div className="button-row filters__buttons">
          <PktButton type="submit">Vis rapport</PktButton>
          {download.button}
        </div>
      </form>
      {download.message}
      <p className="muted">
        Periode {formatDay(shown.from)} – {formatDay(shown.to)}. Et døgn er én plass i ett kalenderdøgn. Per
        bydel er brukte døgn oppholdene bydelen henviste; kapasiteten er byens og vises bare i totalen.
      </p>
      <ResourceView resource={report} what="Finansieringsrapporten">
        {(data) => <FinancingTable report={data} />}
      </ResourceView>
    </>
  );
}
