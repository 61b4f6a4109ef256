/**
 * Mine innbyggere (ADR 0183): the district's own residents, by REFERRING district — the stays it referred
 * wherever the institution lies, per category, its referrals waiting and offered, and the open stays.
 * District staff see their own district; intake and administrators pick one. No person is shown.
 */
import { PktSelect } from '@oslokommune/punkt-react';
import { getDistrictResidents, type DistrictResidents, type ResidentFigures } from '@plass/contracts/rest';
import { DISTRICT_CODES, type DistrictCode } from '@plass/domain';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useResource } from '../api/use-resource';
import { useRequiredSession } from '../auth/session';
import { PageTitle } from '../components/PageTitle';
import { ResourceView } from '../components/Resource';
import { formatCount, formatDate, formatDay, formatDays } from '../format';
import { categoryName, DISTRICT_OPTIONS, districtLabel } from '../labels';
import { useLiveScopes } from '../live/live';
import './pages.css';
import { useThrottled } from '../hooks/use-throttled';

const FIGURE_COLUMNS: { key: keyof ResidentFigures; label: string; days?: boolean }[] = [
  { key: 'residentsNow', label: 'I plass nå' },
  { key: 'admittedLast30Days', label: 'Innlagt siste 30 dager' },
  { key: 'dischargedLast30Days', label: 'Utskrevet siste 30 dager' },
  { key: 'averageDaysSoFar', label: 'Snitt døgn så langt', days: true },
  { key: 'medianDaysSoFar', label: 'Median døgn så langt', days: true },
  { key: 'waitingReferrals', label: 'Henvisninger som venter' },
  { key: 'openOffers', label: 'Åpne tilbud' },
];

function figure(row: ResidentFigures, column: (typeof FIGURE_COLUMNS)[number]): string {
  const value = row[column.key];
  return column.days ? formatDays(value) : formatCount(value);
}

function Residents({ data }: { data: DistrictResidents }) {
  const { total } = data;
  return (
    <>
      <section aria-labelledby="residents-now-heading" className="section">
        <h2 id="residents-now-heading">Nå</h2>
        <dl className="key-figures">
          <div className="key-figure">
            <dt>Innbyggere i plass</dt>
            <dd data-testid="residents-now">{formatCount(total.residentsNow)}</dd>
          </div>
          <div className="key-figure">
            <dt>Henvisninger som venter</dt>
            <dd data-testid="residents-waiting">{formatCount(total.waitingReferrals)}</dd>
          </div>
          <div className="key-figure">
            <dt>Åpne tilbud</dt>
            <dd data-testid="residents-offers">{formatCount(total.openOffers)}</dd>
          </div>
          <div className="key-figure">
            <dt>Median døgn så langt</dt>
            <dd>{formatDays(total.medianDaysSoFar)}</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="residents-categories-heading" className="section">
        <h2 id="residents-categories-heading">Per tjenestekategori</h2>
        {data.categories.length === 0 ? (
          <p>
            Bydelen har ingen innbyggere i plass, ingen opphold de siste 30 dagene og ingen henvisninger som
            venter.
          </p>
        ) : (
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Tabell, kan rulles sideveis">
            <table className="pkt-table pkt-table--compact numbers stack-table" data-testid="residents-table">
              <caption className="pkt-sr-only">
                Innbyggere fra {data.name} per tjenestekategori, uansett hvor institusjonen ligger
              </caption>
              <thead>
                <tr>
                  <th scope="col">Tjenestekategori</th>
                  {FIGURE_COLUMNS.map((c) => (
                    <th key={c.key} scope="col">
                      {c.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.categories.map((row) => (
                  <tr key={row.category} data-testid={`residents-${row.category}`}>
                    <th scope="row">{row.name}</th>
                    {FIGURE_COLUMNS.map((c) => (
                      <td key={c.key} data-label={c.label}>
                        {figure(row, c)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">Totalt</th>
                  {FIGURE_COLUMNS.map((c) => (
                    <td key={c.key} data-label={c.label}>
                      {figure(total, c)}
                    </td>
                  ))}
                </tr>
              </tfoot>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="residents-stays-heading" className="section">
        <h2 id="residents-stays-heading">Åpne opphold</h2>
        <p className="muted">
          Opphold bydelen har henvist til, lengst først. Ingen personopplysninger vises.
        </p>
        {data.openStays.length === 0 ? (
          <p>Ingen åpne opphold.</p>
        ) : (
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Tabell, kan rulles sideveis">
            <table className="pkt-table pkt-table--compact stack-table" data-testid="residents-stays">
              <caption className="pkt-sr-only">Åpne opphold henvist av {data.name}</caption>
              <thead>
                <tr>
                  <th scope="col">Enhet</th>
                  <th scope="col">Institusjon</th>
                  <th scope="col">Institusjonen ligger i</th>
                  <th scope="col">Tjenestekategori</th>
                  <th scope="col">Innlagt</th>
                  <th scope="col">Planlagt utskrivning</th>
                  <th scope="col">Døgn så langt</th>
                </tr>
              </thead>
              <tbody>
                {data.openStays.map((s, i) => (
                  <tr key={`${s.unitId}-${s.admittedAt}-${i}`}>
                    <th scope="row">{s.unitName}</th>
                    <td data-label="Institusjon">{s.institutionName}</td>
                    <td data-label="Ligger i">{districtLabel(s.institutionDistrictCode)}</td>
                    <td data-label="Kategori">{categoryName(s.category)}</td>
                    <td data-label="Innlagt">{formatDate(s.admittedAt)}</td>
                    <td data-label="Planlagt utskrivning">{formatDay(s.plannedDischargeDate)}</td>
                    <td data-label="Døgn så langt" className="num">
                      {formatCount(s.daysSoFar)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

export default function MyResidentsPage() {
  const { user } = useRequiredSession();
  const own = user.roles.includes('district-staff') ? user.districtCode : null;
  // «Bydel» links here with ?bydel=<code> for the district it shows.
  const [params] = useSearchParams();
  const asked = params.get('bydel');
  const [picked, setPicked] = useState<DistrictCode>(
    (DISTRICT_CODES as readonly string[]).includes(asked ?? '') ? (asked as DistrictCode) : '030101',
  );
  const districtCode = own ?? picked;
  // Any change of places or of the waiting list anywhere may be one of the district's: reload then.
  const city = useLiveScopes([{ scope: 'city' }]).get('city');
  const cityState = useThrottled(`${city?.version ?? 0}/${city?.waiting ?? 0}`);
  const residents = useResource(`${districtCode}@${cityState}`, (api, signal) =>
    api.call(getDistrictResidents, { query: { districtCode } }, { signal }),
  );

  return (
    <>
      <PageTitle lead="Innbyggerne bydelen har henvist, uansett hvilken bydel institusjonen ligger i.">
        {`Mine innbyggere – ${districtLabel(districtCode)}`}
      </PageTitle>
      {!own && (
        <form className="filters" aria-label="Velg bydel" onSubmit={(e) => e.preventDefault()}>
          <PktSelect
            id="residents-district"
            label="Henvisende bydel"
            value={districtCode}
            onChange={(event) => setPicked(event.target.value as DistrictCode)}
          >
            {DISTRICT_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </PktSelect>
        </form>
      )}
      <p className="muted">
        Tallene gjelder opphold og henvisninger med {districtLabel(districtCode)} som henvisende bydel.
        Plassene i institusjoner som ligger i bydelen står på <Link to="/bydel">Bydel</Link>.
      </p>
      <ResourceView resource={residents} what="Innbyggerne">
        {(data) => <Residents data={data} />}
      </ResourceView>
    </>
  );
}
