/**
 * Prognose (ADR 0184): expected free places per day for the coming days, per service category and for the
 * whole city, as a chart and a table, with the method in plain words (services/capacity-service/src/
 * forecast/forecast.ts). It reloads when places change anywhere.
 */
import { PktSelect } from '@oslokommune/punkt-react';
import { getCapacityForecast, type CapacityForecast, type ForecastDay } from '@plass/contracts/rest';
import { SERVICE_CATEGORIES, type ServiceCategoryCode } from '@plass/domain';
import { useMemo, useState } from 'react';
import { useResource } from '../api/use-resource';
import { LineChart, type Series } from '../components/LineChart';
import { PageTitle } from '../components/PageTitle';
import { ResourceView } from '../components/Resource';
import { formatCount, formatDateTime, formatDay, formatDays } from '../format';
import { useLiveScopes } from '../live/live';
import './pages.css';
import { useThrottled } from '../hooks/use-throttled';

const HORIZONS = [7, 14, 30, 60, 90];

function shortDay(day: string): string {
  return formatDay(day).slice(0, 5);
}

function Method({ forecast }: { forecast: CapacityForecast }) {
  return (
    <details className="data-table method" open>
      <summary>Slik regnes prognosen</summary>
      <ol>
        <li>
          Vi starter med de ledige plassene i dag i hver åpen enhet. Sperrede og reserverte plasser regnes som
          opptatt hele perioden, og en enhet har aldri færre enn null ledige.
        </li>
        <li>
          Hvert åpent opphold ventes å slutte på den planlagte utskrivningsdatoen institusjonen har satt. Uten
          planlagt dato ventes det å slutte når kategoriens normerte maksimale oppholdstid er brukt opp,
          regnet fra innleggelsen. Plassen regnes som ledig fra dagen etter.
        </li>
        <li>
          Opphold som allerede skulle vært avsluttet («forfalte opphold») regner vi ikke med at frigjør plass.
          En enhet med overbelegg må først komme ned på sin kapasitet før den får ledige plasser.
        </li>
        <li>
          Forventede innleggelser per dag er det største av to tall fra de siste{' '}
          {formatCount(forecast.arrivalWindowDays)} dagene: innleggelser per dag, og mottatte henvisninger per
          dag med kategorien som første valg. De trekkes fra plassene som frigjøres, dag for dag, og antall
          ledige går aldri under null.
        </li>
        <li>Prognosen er en forventning til planlegging, ikke et løfte om plass.</li>
      </ol>
    </details>
  );
}

function DayTable({ caption, days, testId }: { caption: string; days: ForecastDay[]; testId?: string }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Tabell, kan rulles sideveis">
      <table className="pkt-table pkt-table--compact numbers" data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Dato</th>
            <th scope="col">Forventet ledige</th>
            <th scope="col">Forventede utskrivninger</th>
            <th scope="col">Forventede innleggelser</th>
          </tr>
        </thead>
        <tbody>
          {days.map((d) => (
            <tr key={d.date}>
              <th scope="row">{formatDay(d.date)}</th>
              <td>{formatCount(d.expectedFree)}</td>
              <td>{formatCount(d.expectedDischarges)}</td>
              <td>{formatDays(d.expectedAdmissions)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Forecast({ forecast }: { forecast: CapacityForecast }) {
  const labels = useMemo(() => forecast.total.days.map((d) => shortDay(d.date)), [forecast]);
  const series = useMemo<Series[]>(
    () => [
      ...(forecast.category === null
        ? [{ label: 'Hele Oslo', values: forecast.total.days.map((d) => d.expectedFree) }]
        : []),
      ...forecast.categories.map((c) => ({ label: c.name, values: c.days.map((d) => d.expectedFree) })),
    ],
    [forecast],
  );
  const { now } = forecast.total;
  const last = forecast.total.days[forecast.total.days.length - 1];
  return (
    <>
      <section aria-labelledby="forecast-now-heading" className="section">
        <h2 id="forecast-now-heading">Utgangspunktet i dag, {formatDay(forecast.today)}</h2>
        <dl className="key-figures">
          <div className="key-figure">
            <dt>Ledige nå</dt>
            <dd data-testid="forecast-free-now">{formatCount(now.free)}</dd>
          </div>
          <div className="key-figure">
            <dt>Forventet ledige {last ? formatDay(last.date) : ''}</dt>
            <dd data-testid="forecast-free-last">{formatCount(last?.expectedFree)}</dd>
          </div>
          <div className="key-figure">
            <dt>Utskrivninger ventet i dag</dt>
            <dd>{formatCount(now.dischargesExpectedToday)}</dd>
          </div>
          <div className="key-figure">
            <dt>Forfalte opphold</dt>
            <dd>{formatCount(now.overdueStays)}</dd>
          </div>
        </dl>
        <p className="muted">Beregnet {formatDateTime(forecast.generatedAt)}.</p>
      </section>

      <section aria-labelledby="forecast-chart-heading" className="section">
        <h2 id="forecast-chart-heading">Forventet ledige plasser per dag</h2>
        {series.length === 0 || labels.length === 0 ? (
          <p>Ingen åpne enheter i utvalget.</p>
        ) : (
          <LineChart
            labels={labels}
            series={series}
            yLabel="Forventet ledige plasser"
            percent={false}
            summary={`Forventet ledige plasser ${labels[0]}–${labels[labels.length - 1]}: ${series
              .map(
                (s) =>
                  `${s.label} fra ${formatCount(s.values[0])} til ${formatCount(s.values[s.values.length - 1])}`,
              )
              .join('; ')}. Tallene står i tabellene under.`}
          />
        )}
      </section>

      <section aria-labelledby="forecast-tables-heading" className="section">
        <h2 id="forecast-tables-heading">Dag for dag</h2>
        {forecast.category === null && (
          <DayTable caption="Hele Oslo" days={forecast.total.days} testId="forecast-total" />
        )}
        {forecast.categories.map((c) => (
          <details key={c.category} className="data-table" open={forecast.category !== null}>
            <summary>
              {c.name}: {formatCount(c.now.free)} ledige nå, normert maks {formatCount(c.normedMaxStayDays)}{' '}
              døgn, {formatDays(c.arrivals.expectedPerDay)} forventede innleggelser per dag
            </summary>
            <DayTable caption={c.name} days={c.days} testId={`forecast-${c.category}`} />
          </details>
        ))}
      </section>
    </>
  );
}

export default function ForecastPage() {
  const [category, setCategory] = useState<ServiceCategoryCode | 'all'>('all');
  const [days, setDays] = useState(14);
  const city = useLiveScopes([{ scope: 'city' }]).get('city');
  const cityVersion = useThrottled(city?.version ?? 0);
  const forecast = useResource(`${category}|${days}@${cityVersion}`, (api, signal) =>
    api.call(
      getCapacityForecast,
      { query: { days, ...(category === 'all' ? {} : { category }) } },
      { signal },
    ),
  );

  return (
    <>
      <PageTitle lead="Hvor mange plasser som ventes å være ledige de neste dagene, og hvordan det regnes ut.">
        Prognose
      </PageTitle>
      <form className="filters" aria-label="Velg utvalg for prognosen" onSubmit={(e) => e.preventDefault()}>
        <PktSelect
          id="forecast-category"
          label="Tjenestekategori"
          value={category}
          onChange={(e) => setCategory(e.target.value as ServiceCategoryCode | 'all')}
        >
          <option value="all">Alle kategorier</option>
          {SERVICE_CATEGORIES.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </PktSelect>
        <PktSelect
          id="forecast-days"
          label="Antall dager fram"
          value={String(days)}
          onChange={(e) => setDays(Number(e.target.value))}
        >
          {HORIZONS.map((d) => (
            <option key={d} value={d}>
              {d} dager
            </option>
          ))}
        </PktSelect>
      </form>
      <ResourceView resource={forecast} what="Prognosen">
        {(data) => (
          <>
            <Method forecast={data} />
            <Forecast forecast={data} />
          </>
        )}
      </ResourceView>
    </>
  );
}
