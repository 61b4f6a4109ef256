/**
 * Bydel: the district's housing units and registered housing need, the institution places it holds
 * reservations on, and the alerts that concern it. Intake and administrators pick a district.
 */
import { PktButton, PktSelect } from '@oslokommune/punkt-react';
import {
  getHousingNeed,
  listHousingUnits,
  listInstitutions,
  listOpenReservations,
  releaseReservation,
  type InstitutionDto,
  type ReservationDto,
  type UnitDto,
} from '@plass/contracts/rest';
import { HOUSING_STATUSES, HOUSING_TYPES, mayAcknowledge, type DistrictCode } from '@plass/domain';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { norwegianMessage } from '../api/problems';
import { useResource } from '../api/use-resource';
import { hasRole } from '../auth/auth-provider';
import { useApi, useRequiredSession } from '../auth/session';
import { AlertsTable } from '../components/AlertsTable';
import { LiveNumber } from '../components/LiveNumber';
import { PageTitle } from '../components/PageTitle';
import { ResourceView } from '../components/Resource';
import { formatCount, formatDateTime, formatRate } from '../format';
import {
  categoryName,
  DISTRICT_OPTIONS,
  districtLabel,
  HOUSING_STATUS_LABELS,
  HOUSING_TYPE_LABELS,
} from '../labels';
import { useHousingEvents, useLiveScopes } from '../live/live';
import { HousingLink } from './housing/HousingLink';
import { useAcknowledge, useAlerts } from '../live/use-alerts';

/** A reservation with the names of the unit and institution it holds a place in. */
interface HeldReservation extends ReservationDto {
  unitName: UnitDto['name'];
  institutionName: InstitutionDto['name'];
  category: UnitDto['category'];
}

/** Reservations are listed per unit: only units with reserved places are asked. */
async function loadReservations(
  api: ReturnType<typeof useApi>,
  districtCode: DistrictCode,
  signal: AbortSignal,
): Promise<HeldReservation[]> {
  const institutions = await api.call(listInstitutions, {}, { signal });
  const candidates = institutions.flatMap((institution) =>
    institution.units.filter((unit) => unit.reserved > 0).map((unit) => ({ institution, unit })),
  );
  const lists = await Promise.all(
    candidates.map(async ({ institution, unit }) => {
      const reservations = await api.call(listOpenReservations, { params: { unitId: unit.id } }, { signal });
      return reservations
        .filter((r) => r.districtCode === districtCode)
        .map((r) => ({
          ...r,
          unitName: unit.name,
          institutionName: institution.name,
          category: unit.category,
        }));
    }),
  );
  return lists.flat().sort((a, b) => a.expiresAt.localeCompare(b.expiresAt));
}

function HousingSection({ districtCode }: { districtCode: DistrictCode }) {
  const [revision, setRevision] = useState(0);
  useHousingEvents((change) => {
    if (change.districtCode === districtCode) setRevision((r) => r + 1);
  });
  const units = useResource(`${districtCode}@${revision}`, (api, signal) =>
    api.call(listHousingUnits, { query: { districtCode } }, { signal }),
  );
  const need = useResource(`${districtCode}@${revision}`, (api, signal) =>
    api.call(getHousingNeed, { params: { districtCode } }, { signal }),
  );

  const count = (type: string, status: string) =>
    (units.state.data ?? []).filter((u) => u.type === type && u.status === status).length;

  return (
    <section aria-labelledby="housing-heading" className="section">
      <h2 id="housing-heading">Boliger og boligbehov</h2>
      <ResourceView resource={units} what="Boligene">
        {(list) => (
          <>
            <ResourceView resource={need} what="Boligbehovet">
              {() => null}
            </ResourceView>
            <div className="table-scroll" tabIndex={0} role="region" aria-label="Tabell, kan rulles sideveis">
              <table className="pkt-table pkt-table--compact numbers" data-testid="housing-table">
                <caption>
                  Boliger i {districtLabel(districtCode)} etter type og status, mot registrert behov
                  {need.state.data?.updatedAt
                    ? ` (behov oppdatert ${formatDateTime(need.state.data.updatedAt)})`
                    : ''}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Boligtype</th>
                    {HOUSING_STATUSES.map((status) => (
                      <th key={status} scope="col">
                        {HOUSING_STATUS_LABELS[status]}
                      </th>
                    ))}
                    <th scope="col">Registrert behov</th>
                    <th scope="col">Behov utover ledige</th>
                  </tr>
                </thead>
                <tbody>
                  {HOUSING_TYPES.map((type) => {
                    const needed = need.state.data?.needs?.[type] ?? null;
                    const vacant = count(type, 'vacant');
                    return (
                      <tr key={type}>
                        <th scope="row">{HOUSING_TYPE_LABELS[type]}</th>
                        {HOUSING_STATUSES.map((status) => (
                          <td key={status}>{formatCount(count(type, status))}</td>
                        ))}
                        <td>{formatCount(needed)}</td>
                        <td className={needed !== null && needed > vacant ? 'warning-text' : undefined}>
                          {needed === null ? '–' : formatCount(Math.max(0, needed - vacant))}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <p className="muted">{list.length} boliger registrert i bydelen.</p>
            <HousingLink />
          </>
        )}
      </ResourceView>
    </section>
  );
}

function ReservationsSection({
  districtCode,
  canRelease,
}: {
  districtCode: DistrictCode;
  canRelease: boolean;
}) {
  const api = useApi();
  const city = useLiveScopes([{ scope: 'city' }]).get('city');
  const reservations = useResource<HeldReservation[]>(
    `${districtCode}@${city?.totals.reserved ?? 0}`,
    (client, signal) => loadReservations(client, districtCode, signal),
  );
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function release(reservation: HeldReservation) {
    setMessage(null);
    try {
      await api.call(releaseReservation, {
        params: { unitId: reservation.unitId, reservationId: reservation.id },
      });
      setMessage({ ok: true, text: `Reservasjonen på ${reservation.unitName} er frigitt.` });
      reservations.reload();
    } catch (error) {
      setMessage({ ok: false, text: norwegianMessage(error, 'Frigivingen') });
    }
  }

  return (
    <section aria-labelledby="reservations-heading" className="section">
      <h2 id="reservations-heading">Reservasjoner bydelen har</h2>
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'success-text' : 'error-text'}>
          {message.text}
        </p>
      )}
      <ResourceView resource={reservations} what="Reservasjonene">
        {(list) =>
          list.length === 0 ? (
            <p>Bydelen holder ingen plasser nå.</p>
          ) : (
            <div className="table-scroll" tabIndex={0} role="region" aria-label="Tabell, kan rulles sideveis">
              <table className="pkt-table pkt-table--compact" data-testid="reservations-table">
                <caption className="pkt-sr-only">Plasser reservert for {districtLabel(districtCode)}</caption>
                <thead>
                  <tr>
                    <th scope="col">Enhet</th>
                    <th scope="col">Institusjon</th>
                    <th scope="col">Tjenestekategori</th>
                    <th scope="col">Utløper</th>
                    {canRelease && <th scope="col">Handling</th>}
                  </tr>
                </thead>
                <tbody>
                  {list.map((r) => (
                    <tr key={r.id}>
                      <th scope="row">{r.unitName}</th>
                      <td>{r.institutionName}</td>
                      <td>{categoryName(r.category)}</td>
                      <td>{formatDateTime(r.expiresAt)}</td>
                      {canRelease && (
                        <td>
                          <PktButton size="small" skin="tertiary" onClick={() => void release(r)}>
                            Frigi
                          </PktButton>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </ResourceView>
    </section>
  );
}

function DistrictAlerts({ districtCode }: { districtCode: DistrictCode }) {
  const { user } = useRequiredSession();
  const alerts = useAlerts('open');
  const acknowledging = useAcknowledge(alerts, 'open');
  return (
    <section aria-labelledby="district-alerts-heading" className="section">
      <h2 id="district-alerts-heading">Varsler for bydelen</h2>
      <div aria-live="polite">
        {acknowledging.message && (
          <p
            role={acknowledging.message.ok ? 'status' : 'alert'}
            className={acknowledging.message.ok ? 'success-text' : 'error-text'}
          >
            {acknowledging.message.text}
          </p>
        )}
      </div>
      <ResourceView resource={alerts} what="Varsler">
        {(list) => {
          const mine = list.filter(
            (a) => a.districtCode === districtCode || a.rooms.includes(`district:${districtCode}`),
          );
          return mine.length === 0 ? (
            <p>Ingen åpne varsler for bydelen.</p>
          ) : (
            <AlertsTable
              alerts={mine}
              caption={`Åpne varsler for ${districtLabel(districtCode)}`}
              onAcknowledge={(alert) => void acknowledging.acknowledge(alert)}
              canAcknowledge={(alert) => mayAcknowledge(user, alert)}
              busyId={acknowledging.busyId}
            />
          );
        }}
      </ResourceView>
    </section>
  );
}

export default function DistrictPage() {
  const { user } = useRequiredSession();
  const own = user.districtCode;
  const [picked, setPicked] = useState<DistrictCode>(own ?? '030101');
  const districtCode = own ?? picked;
  const places = useLiveScopes([{ scope: 'district', id: districtCode }]).get(`district:${districtCode}`);

  return (
    <>
      <PageTitle lead="Plassene i institusjoner som ligger i bydelen, boliger, boligbehov, reservasjoner og varsler for bydelen.">
        {`Bydel ${districtLabel(districtCode)}`}
      </PageTitle>
      {!own && (
        <PktSelect
          id="district-select"
          label="Bydel"
          value={districtCode}
          onChange={(event) => setPicked(event.target.value as DistrictCode)}
        >
          {DISTRICT_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </PktSelect>
      )}
      <section aria-labelledby="district-places-heading" className="section">
        <h2 id="district-places-heading">Plasser i bydelen</h2>
        {places && places.totals.capacity > 0 ? (
          <p className="unit-status">
            Institusjoner som ligger i bydelen:{' '}
            <LiveNumber value={places.totals.available} format={formatCount} /> ledige av{' '}
            {formatCount(places.totals.capacity)} plasser, belegg {formatRate(places.totals.occupancyRate)}.
          </p>
        ) : (
          <p>Ingen institusjonsplasser ligger i bydelen.</p>
        )}
        <p className="muted">
          Tallene gjelder plassene i institusjoner som ligger i bydelen, uansett hvem som bor der. Bydelens
          egne innbyggere i plass, hvor de enn er, står på{' '}
          <Link to={own ? '/mine-innbyggere' : `/mine-innbyggere?bydel=${districtCode}`}>
            Mine innbyggere
          </Link>
          .
        </p>
      </section>
      <HousingSection districtCode={districtCode} />
      <ReservationsSection
        districtCode={districtCode}
        canRelease={hasRole(user, 'district-staff', 'intake', 'admin')}
      />
      <DistrictAlerts districtCode={districtCode} />
    </>
  );
}
