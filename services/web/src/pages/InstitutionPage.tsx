/**
 * Institusjon: the units of the signed-in staff's institution(s) with their live numbers, and the
 * actions on one unit. Administrators pick any institution.
 */
import { PktSelect } from '@oslokommune/punkt-react';
import type { SubscribeRequest } from '@plass/contracts';
import { getInstitution, listInstitutions, type UnitDto } from '@plass/contracts/rest';
import { useEffect, useState } from 'react';
import { useLatest } from '../hooks/use-latest';
import { useResource } from '../api/use-resource';
import { hasRole } from '../auth/auth-provider';
import { useRequiredSession } from '../auth/session';
import { LiveNumber } from '../components/LiveNumber';
import { PageTitle } from '../components/PageTitle';
import { ResourceView } from '../components/Resource';
import { UnitFeatures } from '../components/UnitFeatures';
import { formatAgo, formatCount, formatDateTime, formatRate } from '../format';
import { categoryName, districtLabel, PROVIDER_TYPE_LABELS } from '../labels';
import { useLiveScopes } from '../live/live';
import { UnitActions } from './institution/UnitActions';

function occupancy(unit: UnitDto): number | null {
  const usable = unit.capacity - unit.blocked;
  return usable > 0 ? unit.occupied / usable : null;
}

function InstitutionView({ institutionId }: { institutionId: string }) {
  const institution = useResource(institutionId, (api, signal) =>
    api.call(getInstitution, { params: { id: institutionId } }, { signal }),
  );
  const units = (institution.state.data?.units ?? []).filter((u) => !u.closed);
  const [selectedUnitId, setSelectedUnitId] = useState<string | null>(null);
  const selected = units.find((u) => u.id === selectedUnitId) ?? units[0];

  // Someone else's change to one of our units (another shift, a census) shows up here too.
  const requests: SubscribeRequest[] = units.map((u) => ({ scope: 'unit', id: u.id }));
  const live = useLiveScopes(requests);
  const liveSignature = units.map((u) => live.get(`unit:${u.id}`)?.version ?? 0).join(',');
  const { reload } = institution;
  const shown = useLatest({ units, live });
  useEffect(() => {
    const { units: current, live: pushed } = shown.current;
    const differs = current.some((u) => {
      const totals = pushed.get(`unit:${u.id}`)?.totals;
      return (
        totals !== undefined &&
        (totals.occupied !== u.occupied ||
          totals.blocked !== u.blocked ||
          totals.reserved !== u.reserved ||
          totals.capacity !== u.capacity)
      );
    });
    if (differs) reload();
  }, [liveSignature, reload, shown]);

  const replaceUnit = (unit: UnitDto) =>
    institution.set((current) =>
      current ? { ...current, units: current.units.map((u) => (u.id === unit.id ? unit : u)) } : current!,
    );

  return (
    <ResourceView resource={institution} what="Institusjonen">
      {(data) => (
        <section aria-labelledby={`institution-${data.id}`} className="section">
          <h2 id={`institution-${data.id}`}>{data.name}</h2>
          <p className="muted">
            {PROVIDER_TYPE_LABELS[data.providerType]} · {districtLabel(data.districtCode)}
          </p>
          {units.length === 0 ? (
            <p>Institusjonen har ingen enheter i drift.</p>
          ) : (
            <>
              <div
                className="table-scroll"
                tabIndex={0}
                role="region"
                aria-label="Tabell, kan rulles sideveis"
              >
                <table
                  className="pkt-table pkt-table--compact numbers table-stacked"
                  data-testid="institution-units"
                >
                  <caption className="pkt-sr-only">Enhetene ved {data.name}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Enhet</th>
                      <th scope="col" className="text">
                        Tjenestekategori
                      </th>
                      <th scope="col">Plasser</th>
                      <th scope="col">Opptatt</th>
                      <th scope="col">Sperret</th>
                      <th scope="col">Reservert</th>
                      <th scope="col">Ledige</th>
                      <th scope="col">Belegg</th>
                      <th scope="col">Sist endret</th>
                    </tr>
                  </thead>
                  <tbody>
                    {units.map((unit) => (
                      <tr key={unit.id} aria-current={unit.id === selected?.id ? 'true' : undefined}>
                        <th scope="row">
                          {unit.name}
                          <UnitFeatures features={unit.features} testId={`unit-features-${unit.id}`} />
                        </th>
                        <td className="text" data-label="Tjenestekategori">
                          {categoryName(unit.category)}
                        </td>
                        <td data-label="Plasser">{formatCount(unit.capacity)}</td>
                        <td data-label="Opptatt">
                          <LiveNumber value={unit.occupied} format={formatCount} />
                        </td>
                        <td data-label="Sperret">{formatCount(unit.blocked)}</td>
                        <td data-label="Reservert">{formatCount(unit.reserved)}</td>
                        <td className="strong stack-first" data-label="Ledige">
                          <LiveNumber
                            value={unit.available}
                            format={formatCount}
                            testId={`unit-available-${unit.id}`}
                          />
                        </td>
                        <td data-label="Belegg">{formatRate(occupancy(unit))}</td>
                        <td data-label="Sist endret">
                          <time dateTime={unit.updatedAt} title={formatDateTime(unit.updatedAt)}>
                            {formatAgo(unit.updatedAt)}
                          </time>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>

              {selected && (
                <section aria-labelledby={`actions-${data.id}`} className="section">
                  <h2 id={`actions-${data.id}`} className="pkt-sr-only">
                    Registrer for en enhet
                  </h2>
                  {units.length > 1 && (
                    <PktSelect
                      id={`unit-select-${data.id}`}
                      label="Enhet"
                      value={selected.id}
                      onChange={(event) => setSelectedUnitId(event.target.value)}
                    >
                      {units.map((unit) => (
                        <option key={unit.id} value={unit.id}>
                          {unit.name} ({categoryName(unit.category)})
                        </option>
                      ))}
                    </PktSelect>
                  )}
                  <p className="unit-status" data-testid="selected-unit">
                    <strong>{selected.name}</strong>: {formatCount(selected.available)} ledige av{' '}
                    {formatCount(selected.capacity)} plasser ({formatCount(selected.occupied)} opptatt,{' '}
                    {formatCount(selected.blocked)} sperret, {formatCount(selected.reserved)} reservert).
                  </p>
                  <UnitActions key={selected.id} unit={selected} onChanged={replaceUnit} />
                </section>
              )}
            </>
          )}
        </section>
      )}
    </ResourceView>
  );
}

export default function InstitutionPage() {
  const { user } = useRequiredSession();
  const isAdmin = hasRole(user, 'admin');
  const all = useResource(isAdmin ? 'all' : null, (api, signal) =>
    api.call(listInstitutions, {}, { signal }),
  );
  const [picked, setPicked] = useState<string>('');
  const adminChoice = picked || all.state.data?.[0]?.id || '';
  const institutionIds = isAdmin ? (adminChoice ? [adminChoice] : []) : user.institutionIds;

  return (
    <>
      <PageTitle lead="Registrer innskrivning, utskrivning, sperrede plasser og tellinger. Endringene vises for bydelene med en gang.">
        Institusjon
      </PageTitle>
      {isAdmin && (
        <ResourceView resource={all} what="Institusjonene">
          {(list) => (
            <PktSelect
              id="admin-institution"
              label="Institusjon"
              value={adminChoice}
              onChange={(event) => setPicked(event.target.value)}
            >
              {[...list]
                .sort((a, b) => a.name.localeCompare(b.name, 'nb'))
                .map((institution) => (
                  <option key={institution.id} value={institution.id}>
                    {institution.name}
                  </option>
                ))}
            </PktSelect>
          )}
        </ResourceView>
      )}
      {institutionIds.length === 0 && !isAdmin && <p>Brukeren din er ikke knyttet til noen institusjon.</p>}
      {institutionIds.map((id) => (
        <InstitutionView key={id} institutionId={id} />
      ))}
    </>
  );
}
