/**
 * Styringsdata (ADR 0185): the steering indicators over a period — admissions and discharges per day as a
 * chart and a table, discharges by reason, moves to own housing, stays begun per referring district and
 * stays beyond the normed time — with a CSV download of every figure. A period chooser offers the
 * published year 2024 and the current year; the annual report's figures (IndicatorsReport) follow the
 * period (ADR 0221).
 */
import { PktButton, PktTextinput } from '@oslokommune/punkt-react';
import { getCapacityIndicators, getUtilizationReport, type CapacityIndicators } from '@plass/contracts/rest';
import { DISCHARGE_REASONS, SERVICE_CATEGORIES } from '@plass/domain';
import { useMemo, useState, type FormEvent } from 'react';
import { useResource } from '../api/use-resource';
import { useApi } from '../auth/session';
import { LineChart } from '../components/LineChart';
import { PageTitle } from '../components/PageTitle';
import { ResourceView } from '../components/Resource';
import { countText, SuppressedCount, SuppressionNote } from '../components/SuppressedCount';
import { formatCount, formatDay, formatRate, isoDay, nextDay } from '../format';
import { DISCHARGE_REASON_LABELS } from '../labels';
import { useLiveScopes } from '../live/live';
import './pages.css';
import { useCsvDownload } from '../components/CsvDownload';
import { useThrottled } from '../hooks/use-throttled';
import { ChoiceSelect } from '../components/ChoiceSelect';
import { BeyondNorm, DischargesAndMoves, Figure21, Occupancy, ResourceCentres } from './IndicatorsReport';

/** The years the chooser offers: the published 2024 and the current year. */
function periodChoices(today: Date) {
  const year = today.getFullYear();
  const years = [...new Set([2024, year])].sort();
  return [
    { value: 'last-30-days', label: 'Siste 30 dager' },
    ...years.map((y) => ({ value: String(y), label: `Året ${y}` })),
    { value: 'custom', label: 'Valgfri periode' },
  ];
}

function periodOf(choice: string, today: Date): { from: string; to: string } | null {
  if (choice === 'last-30-days') {
    return { from: isoDay(new Date(today.getTime() - 30 * 86_400_000)), to: isoDay(today) };
  }
  if (/^\d{4}$/.test(choice)) return { from: `${choice}-01-01`, to: `${choice}-12-31` };
  return null;
}

const TABLE_REGION = { tabIndex: 0, role: 'region', 'aria-label': 'Tabell, kan rulles sideveis' } as const;

function Flow({ data }: { data: CapacityIndicators }) {
  const chart = useMemo(
    () => ({
      labels: data.flow.map((d) => formatDay(d.date).slice(0, 5)),
      series: [
        { label: 'Innleggelser', values: data.flow.map((d) => d.admissions) },
        { label: 'Utskrivninger', values: data.flow.map((d) => d.discharges) },
      ],
    }),
    [data],
  );
  // With a day hidden, the period's figure is the stays begun, or the categories' discharges, when shown.
  const total = (values: (number | null)[]) =>
    values.some((v) => v === null) ? null : values.reduce<number>((n, v) => n + (v ?? 0), 0);
  const sums = {
    admissions:
      total(data.flow.map((d) => d.admissions)) ??
      data.referrals.find((r) => r.districtCode === 'all')?.stays ??
      null,
    discharges:
      total(data.flow.map((d) => d.discharges)) ?? total(data.dischargesByReason.map((c) => c.total)),
  };
  const sum = (key: 'admissions' | 'discharges') => sums[key];
  const text = (value: number | null) => countText(value, data.suppression);
  return (
    <section aria-labelledby="flow-heading" className="section">
      <h2 id="flow-heading">Innleggelser og utskrivninger per dag</h2>
      <dl className="key-figures">
        <div className="key-figure">
          <dt>Innleggelser i perioden</dt>
          <dd data-testid="indicators-admissions">
            <SuppressedCount value={sum('admissions')} suppression={data.suppression} />
          </dd>
        </div>
        <div className="key-figure">
          <dt>Utskrivninger i perioden</dt>
          <dd data-testid="indicators-discharges">
            <SuppressedCount value={sum('discharges')} suppression={data.suppression} />
          </dd>
        </div>
      </dl>
      {data.flow.length > 0 && (
        <LineChart
          labels={chart.labels}
          series={chart.series}
          yLabel="Antall per dag"
          percent={false}
          summary={`Innleggelser og utskrivninger per dag ${chart.labels[0]}–${chart.labels[chart.labels.length - 1]}: ${text(sum('admissions'))} innleggelser og ${text(sum('discharges'))} utskrivninger i alt.${data.suppression ? ' Dager med skjulte tall mangler i diagrammet.' : ''} Tallene står i tabellen under.`}
        />
      )}
      <details className="data-table">
        <summary>Vis tallene som tabell</summary>
        <div className="table-scroll" {...TABLE_REGION}>
          <table className="pkt-table pkt-table--compact numbers">
            <caption>Innleggelser og utskrivninger per dag</caption>
            <thead>
              <tr>
                <th scope="col">Dato</th>
                <th scope="col">Innleggelser</th>
                <th scope="col">Utskrivninger</th>
              </tr>
            </thead>
            <tbody>
              {data.flow.map((d) => (
                <tr key={d.date}>
                  <th scope="row">{formatDay(d.date)}</th>
                  <td>
                    <SuppressedCount value={d.admissions} suppression={data.suppression} />
                  </td>
                  <td>
                    <SuppressedCount value={d.discharges} suppression={data.suppression} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}

function Reasons({ data }: { data: CapacityIndicators }) {
  return (
    <section aria-labelledby="reasons-heading" className="section">
      <h2 id="reasons-heading">Utskrivninger etter årsak</h2>
      {data.dischargesByReason.length === 0 ? (
        <p>Ingen utskrivninger i perioden.</p>
      ) : (
        <div className="table-scroll" {...TABLE_REGION}>
          <table className="pkt-table pkt-table--compact numbers" data-testid="indicators-reasons">
            <caption className="pkt-sr-only">Utskrivninger per tjenestekategori etter årsak</caption>
            <thead>
              <tr>
                <th scope="col">Tjenestekategori</th>
                <th scope="col">I alt</th>
                {DISCHARGE_REASONS.map((r) => (
                  <th key={r} scope="col">
                    {DISCHARGE_REASON_LABELS[r]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.dischargesByReason.map((c) => (
                <tr key={c.category}>
                  <th scope="row">{c.name}</th>
                  <td>
                    <SuppressedCount value={c.total} suppression={data.suppression} />
                  </td>
                  {DISCHARGE_REASONS.map((r) => (
                    <td key={r}>
                      <SuppressedCount
                        value={c.byReason[r] === undefined ? 0 : c.byReason[r]}
                        suppression={data.suppression}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Referrals({ data }: { data: CapacityIndicators }) {
  const used = SERVICE_CATEGORIES.filter((c) =>
    data.referrals.some((r) => r.categories.some((x) => x.category === c.code)),
  );
  return (
    <section aria-labelledby="referring-heading" className="section">
      <h2 id="referring-heading">Opphold startet per henvisende bydel</h2>
      <p className="muted">Antall opphold, og kategoriens andel av bydelens opphold i perioden.</p>
      {data.referrals.length === 0 ? (
        <p>Ingen opphold startet i perioden.</p>
      ) : (
        <div className="table-scroll" {...TABLE_REGION}>
          <table className="pkt-table pkt-table--compact numbers" data-testid="indicators-referrals">
            <caption className="pkt-sr-only">
              Opphold startet per henvisende bydel og tjenestekategori
            </caption>
            <thead>
              <tr>
                <th scope="col">Bydel</th>
                <th scope="col">Opphold</th>
                {used.map((c) => (
                  <th key={c.code} scope="col">
                    {c.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.referrals.map((r) => (
                <tr key={r.districtCode}>
                  <th scope="row">{r.name}</th>
                  <td>
                    <SuppressedCount value={r.stays} suppression={data.suppression} />
                  </td>
                  {used.map((c) => {
                    const share = r.categories.find((x) => x.category === c.code);
                    return (
                      <td key={c.code}>
                        {share ? (
                          <>
                            <SuppressedCount value={share.stays} suppression={data.suppression} />
                            {share.share === null ? '' : ` (${formatRate(share.share)})`}
                          </>
                        ) : (
                          '–'
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function OverNorm({ data }: { data: CapacityIndicators }) {
  // A category without discharges has no row: 0 moves. A hidden count stays null.
  const movesOf = (category: string) => {
    const moves = data.movesToOwnHousing.find((m) => m.category === category);
    return moves ? moves.count : 0;
  };
  return (
    <section aria-labelledby="over-norm-heading" className="section">
      <h2 id="over-norm-heading">Opphold utover normert tid</h2>
      <p className="muted">
        Åpne opphold ved periodens slutt, og hvor mange som er eldre enn kategoriens norm.
      </p>
      {data.staysOverNorm.length === 0 ? (
        <p>Ingen åpne opphold ved periodens slutt.</p>
      ) : (
        <div className="table-scroll" {...TABLE_REGION}>
          <table className="pkt-table pkt-table--compact numbers" data-testid="indicators-over-norm">
            <caption className="pkt-sr-only">Åpne opphold og opphold utover normert tid</caption>
            <thead>
              <tr>
                <th scope="col">Tjenestekategori</th>
                <th scope="col">Normert maks (døgn)</th>
                <th scope="col">Åpne opphold</th>
                <th scope="col">Utover norm</th>
                <th scope="col">Lengste (døgn)</th>
                <th scope="col">Flyttet til egen bolig</th>
              </tr>
            </thead>
            <tbody>
              {data.staysOverNorm.map((c) => (
                <tr key={c.category}>
                  <th scope="row">{c.name}</th>
                  <td>{formatCount(c.normedMaxStayDays)}</td>
                  <td>
                    <SuppressedCount value={c.openStays} suppression={data.suppression} />
                  </td>
                  <td className={(c.overNorm ?? 0) > 0 ? 'warning-text' : undefined}>
                    <SuppressedCount value={c.overNorm} suppression={data.suppression} />
                  </td>
                  <td>
                    <SuppressedCount
                      value={c.longestDays}
                      suppression={c.suppressed?.includes('longestDays') ? data.suppression : null}
                    />
                  </td>
                  <td>
                    <SuppressedCount value={movesOf(c.category)} suppression={data.suppression} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export default function IndicatorsPage() {
  const api = useApi();
  const today = new Date();
  const [from, setFrom] = useState(isoDay(new Date(today.getTime() - 30 * 86_400_000)));
  const [to, setTo] = useState(isoDay(today));
  const [shown, setShown] = useState({ from, to });
  const [period, setPeriod] = useState('last-30-days');
  const city = useLiveScopes([{ scope: 'city' }]).get('city');
  const cityVersion = useThrottled(city?.version ?? 0);
  const indicators = useResource(`${shown.from}|${shown.to}@${cityVersion}`, (client, signal) =>
    client.call(getCapacityIndicators, { query: { from: shown.from, to: nextDay(shown.to) } }, { signal }),
  );

  const utilization = useResource(`${shown.from}|${shown.to}@${cityVersion}`, (client, signal) =>
    client.call(
      getUtilizationReport,
      { query: { from: shown.from, to: nextDay(shown.to), groupBy: 'category' } },
      { signal },
    ),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setShown({ from, to });
  };

  const choosePeriod = (choice: string) => {
    setPeriod(choice);
    const chosen = periodOf(choice, today);
    if (!chosen) return;
    setFrom(chosen.from);
    setTo(chosen.to);
    setShown(chosen);
  };

  const download = useCsvDownload(
    () =>
      api.raw(
        getCapacityIndicators,
        { query: { from, to: nextDay(to), format: 'csv' } },
        { accept: 'text/csv' },
      ),
    () => `styringsdata-${from}-${to}.csv`,
    'CSV-nedlastingen',
  );

  return (
    <>
      <PageTitle lead="Belegg, flyten inn og ut av tilbudene, årsaker til utskrivning, henvisende bydeler og opphold utover normert tid – for en valgt periode eller et helt år.">
        Styringsdata
      </PageTitle>
      <form className="filters" onSubmit={submit} aria-label="Velg periode for styringsdataene">
        <ChoiceSelect
          id="indicators-period"
          label="Periode"
          placeholder="Velg periode"
          options={periodChoices(today)}
          value={period}
          onChange={(e) => choosePeriod(e.target.value)}
        />
        <PktTextinput
          id="indicators-from"
          label="Fra og med"
          type="date"
          value={from}
          max={to}
          onChange={(e) => {
            setFrom(e.target.value);
            setPeriod('custom');
          }}
          required
        />
        <PktTextinput
          id="indicators-to"
          label="Til og med"
          type="date"
          value={to}
          min={from}
          onChange={(e) => {
            setTo(e.target.value);
            setPeriod('custom');
          }}
          required
        />
        <div className="button-row filters__buttons">
          <PktButton type="submit">Vis styringsdata</PktButton>
          {download.button}
        </div>
      </form>
      {download.message}
      <p className="muted">
        Periode {formatDay(shown.from)} – {formatDay(shown.to)}.
      </p>
      <ResourceView resource={utilization} what="Beleggsrapporten">
        {(report) => (
          <>
            <Occupancy report={report} />
            <ResourceCentres report={report} />
          </>
        )}
      </ResourceView>
      <ResourceView resource={indicators} what="Styringsdataene">
        {(data) => (
          <>
            <SuppressionNote suppression={data.suppression} />
            <DischargesAndMoves data={data} />
            <BeyondNorm data={data} />
            <Figure21 data={data} />
            <Flow data={data} />
            <Reasons data={data} />
            <Referrals data={data} />
            <OverNorm data={data} />
          </>
        )}
      </ResourceView>
    </>
  );
}
