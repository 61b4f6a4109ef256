/**
 * Oversikt: free places in the city and per service category now, occupancy (belegg), referrals
 * waiting beside them (ADR 0162), a district table and open alerts. Every number follows the live `capacity:changed` pushes.
 * Free places are summed per unit and overcapacity shown beside them (ADR 0171), so this page, Ledige
 * plasser and the category snapshot give the same number.
 */
import type { CapacityChangedData, SubscribeRequest } from '@plass/contracts';
import { getCapacitySummary, type CapacitySummary } from '@plass/contracts/rest';
import { DISTRICTS, scopeKey, SERVICE_CATEGORIES } from '@plass/domain';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { useResource } from '../api/use-resource';
import { AlertsTable, sortAlerts } from '../components/AlertsTable';
import { LiveNumber } from '../components/LiveNumber';
import { PageTitle } from '../components/PageTitle';
import { ResourceView } from '../components/Resource';
import { formatCount, formatDateTime, formatRate } from '../format';
import { districtLabel } from '../labels';
import { useLiveConnection, useLiveScopes } from '../live/live';
import { useAlerts } from '../live/use-alerts';
import './numbers.css';

const CITY: SubscribeRequest = { scope: 'city' };
const ALL_CATEGORIES = SERVICE_CATEGORIES.map((c) => ({ scope: 'category' as const, id: c.code }));
const ALL_DISTRICTS = DISTRICTS.map((d) => ({ scope: 'district' as const, id: d.code }));

/**
 * The city at once; the categories and the districts that have places once the summary is here, so
 * the first numbers do not queue behind a snapshot per scope. A district that gets its first unit
 * later joins when the page is opened again.
 */
function scopesFor(summary: CapacitySummary | undefined, failed: boolean): SubscribeRequest[] {
  if (failed) return [CITY, ...ALL_CATEGORIES, ...ALL_DISTRICTS];
  if (!summary) return [CITY];
  const districts = new Set(summary.districts.map((d) => d.id));
  return [CITY, ...ALL_CATEGORIES, ...ALL_DISTRICTS.filter((d) => districts.has(d.id))];
}

/** A screen reader hears the city's free places when they change, at most every 20 seconds. */
const ANNOUNCE_EVERY_MS = 20_000;

function useRestrainedAnnouncement(text: string | null): string {
  const [announced, setAnnounced] = useState('');
  const last = useRef(0);
  const first = useRef(true);
  useEffect(() => {
    if (text === null) return;
    if (first.current) {
      // The first value is on screen already; only changes are news.
      first.current = false;
      return;
    }
    const wait = Math.max(0, last.current + ANNOUNCE_EVERY_MS - Date.now());
    const timer = setTimeout(() => {
      last.current = Date.now();
      setAnnounced(text);
    }, wait);
    return () => clearTimeout(timer);
  }, [text]);
  return announced;
}

function KeyFigure({
  label,
  value,
  format,
  testId,
  note,
}: {
  label: string;
  value: number | null | undefined;
  format: (value: number | null | undefined) => string;
  testId: string;
  note?: string;
}) {
  return (
    <div className="key-figure">
      <dt>{label}</dt>
      <dd>
        <LiveNumber value={value} format={format} testId={testId} />
        {note && <span className="key-figure__note">{note}</span>}
      </dd>
    </div>
  );
}

export function OverviewPage() {
  const summary = useResource<CapacitySummary>('summary', (api, signal) =>
    api.call(getCapacitySummary, {}, { signal }),
  );
  const live = useLiveScopes(scopesFor(summary.state.data, summary.state.status === 'error'));
  const connection = useLiveConnection();
  const alerts = useAlerts('open');

  // The summary fills in until the subscriptions' snapshots arrive; newer versions win either way.
  useEffect(() => {
    if (summary.state.status !== 'ok' || !connection) return;
    const { city, categories, districts } = summary.state.data;
    for (const snapshot of [city, ...categories, ...districts]) connection.seed(snapshot);
  }, [summary.state, connection]);

  const scope = (key: string): CapacityChangedData | undefined => {
    if (live.has(key)) return live.get(key);
    if (summary.state.status !== 'ok') return undefined;
    const { city, categories, districts } = summary.state.data;
    return [city, ...categories, ...districts].find((s) => s.key === key);
  };

  const city = scope('city');
  const announcement = useRestrainedAnnouncement(
    city ? `Ledige plasser i Oslo nå: ${formatCount(city.totals.available)}` : null,
  );

  const districtRows = DISTRICTS.map((d) => scope(scopeKey('district', d.code)))
    .filter((s): s is CapacityChangedData => s !== undefined && s.totals.capacity > 0)
    .sort((a, b) => districtLabel(a.id).localeCompare(districtLabel(b.id), 'nb'));

  return (
    <>
      <PageTitle lead="Institusjonsplasser i Oslo kommune akkurat nå. Tallene oppdateres fortløpende.">
        Oversikt
      </PageTitle>
      <div className="pkt-sr-only" aria-live="polite" aria-atomic="true" data-testid="overview-announcement">
        {announcement}
      </div>

      <section aria-labelledby="city-heading" className="section">
        <h2 id="city-heading">Hele Oslo</h2>
        {summary.state.status === 'error' && !city ? (
          <ResourceView resource={summary} what="Kapasitetstallene">
            {() => null}
          </ResourceView>
        ) : (
          <dl className="key-figures">
            <KeyFigure
              label="Ledige plasser"
              value={city?.totals.available}
              format={formatCount}
              testId="city-available"
            />
            <KeyFigure
              label="Over kapasitet"
              value={city ? (city.totals.overCapacity ?? 0) : undefined}
              format={formatCount}
              testId="city-over-capacity"
              note="Plasser i bruk utover det enhetene har"
            />
            <KeyFigure
              label="Belegg"
              value={city?.totals.occupancyRate}
              format={formatRate}
              testId="city-occupancy"
            />
            <KeyFigure
              label="Godkjente plasser"
              value={city?.totals.capacity}
              format={formatCount}
              testId="city-capacity"
            />
            <KeyFigure
              label="Sperret"
              value={city?.totals.blocked}
              format={formatCount}
              testId="city-blocked"
            />
            <KeyFigure
              label="Reservert"
              value={city?.totals.reserved}
              format={formatCount}
              testId="city-reserved"
            />
            <KeyFigure
              label="Henvisninger på venteliste"
              value={city?.waiting}
              format={formatCount}
              testId="city-waiting"
            />
          </dl>
        )}
        {city && <p className="muted">Sist endret {formatDateTime(city.updatedAt)}</p>}
      </section>

      <section aria-labelledby="categories-heading" className="section">
        <h2 id="categories-heading">Per tjenestekategori</h2>
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Tabell, kan rulles sideveis">
          <table className="pkt-table pkt-table--compact numbers" data-testid="category-table">
            <caption className="pkt-sr-only">
              Ledige plasser, belegg og henvisninger som venter (første ønske) per tjenestekategori
            </caption>
            <thead>
              <tr>
                <th scope="col">Tjenestekategori</th>
                <th scope="col">Ledige</th>
                <th scope="col">Over kapasitet</th>
                <th scope="col" className="col-optional">
                  Belegg
                </th>
                <th scope="col" className="col-optional">
                  Plasser
                </th>
                <th scope="col" className="col-optional">
                  Opptatt
                </th>
                <th scope="col" className="col-optional">
                  Sperret
                </th>
                <th scope="col" className="col-optional">
                  Reservert
                </th>
                <th scope="col">Venter</th>
              </tr>
            </thead>
            <tbody>
              {SERVICE_CATEGORIES.map((category) => {
                const s = scope(scopeKey('category', category.code));
                return (
                  <tr key={category.code} data-category={category.code}>
                    <th scope="row">{category.name}</th>
                    <td>
                      <LiveNumber
                        value={s?.totals.available}
                        format={formatCount}
                        testId={`category-available-${category.code}`}
                      />
                    </td>
                    <td>
                      <LiveNumber
                        value={s ? (s.totals.overCapacity ?? 0) : undefined}
                        format={formatCount}
                        testId={`category-over-capacity-${category.code}`}
                      />
                    </td>
                    <td className="col-optional">
                      <LiveNumber value={s?.totals.occupancyRate} format={formatRate} />
                    </td>
                    <td className="col-optional">{formatCount(s?.totals.capacity)}</td>
                    <td className="col-optional">
                      <LiveNumber value={s?.totals.occupied} format={formatCount} />
                    </td>
                    <td className="col-optional">{formatCount(s?.totals.blocked)}</td>
                    <td className="col-optional">{formatCount(s?.totals.reserved)}</td>
                    <td>
                      <LiveNumber
                        value={s?.waiting}
                        format={formatCount}
                        testId={`category-waiting-${category.code}`}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="districts-heading" className="section">
        <h2 id="districts-heading">Per bydel</h2>
        <p className="muted">Plassene i institusjonene som ligger i bydelen.</p>
        {districtRows.length === 0 ? (
          <p>Ingen bydeler har registrerte plasser ennå.</p>
        ) : (
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Tabell, kan rulles sideveis">
            <table className="pkt-table pkt-table--compact numbers" data-testid="district-table">
              <caption className="pkt-sr-only">Ledige plasser og belegg per bydel</caption>
              <thead>
                <tr>
                  <th scope="col">Bydel</th>
                  <th scope="col">Ledige</th>
                  <th scope="col">Over kapasitet</th>
                  <th scope="col" className="col-optional">
                    Belegg
                  </th>
                  <th scope="col" className="col-optional">
                    Plasser
                  </th>
                  <th scope="col" className="col-optional">
                    Opptatt
                  </th>
                </tr>
              </thead>
              <tbody>
                {districtRows.map((s) => (
                  <tr key={s.key}>
                    <th scope="row">{s.name ?? districtLabel(s.id)}</th>
                    <td>
                      <LiveNumber value={s.totals.available} format={formatCount} />
                    </td>
                    <td>
                      <LiveNumber value={s.totals.overCapacity ?? 0} format={formatCount} />
                    </td>
                    <td className="col-optional">
                      <LiveNumber value={s.totals.occupancyRate} format={formatRate} />
                    </td>
                    <td className="col-optional">{formatCount(s.totals.capacity)}</td>
                    <td className="col-optional">{formatCount(s.totals.occupied)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="alerts-heading" className="section">
        <h2 id="alerts-heading">Åpne varsler</h2>
        <ResourceView resource={alerts} what="Varsler">
          {(list) =>
            list.length === 0 ? (
              <p>Ingen åpne varsler.</p>
            ) : (
              <>
                <AlertsTable
                  alerts={sortAlerts(list).slice(0, 8)}
                  caption={`${list.length} åpne varsler, de viktigste først`}
                />
                <p>
                  <Link to="/varsler">Se og kvitter alle varsler</Link>
                </p>
              </>
            )
          }
        </ResourceView>
      </section>
    </>
  );
}
