/**
 * Ledige plasser: units with free places, filtered by category, district, provider type and "only
 * available", each with when it last reported (stale ones marked). Reloads as soon as the city's numbers
 * change (at most every LIVE_RELOAD_GAP_MS), so it shows a change as fast as the pages that show pushed totals.
 */
import { PktCheckbox, PktTag } from '@oslokommune/punkt-react';
import { listCapacityUnits, type CapacityUnit } from '@plass/contracts/rest';
import { DISTRICT_CODES, mayOffer, PROVIDER_TYPES, SERVICE_CATEGORY_CODES } from '@plass/domain';
import { useState } from 'react';
import { useRequiredSession } from '../auth/session';
import { Button } from '../components/shell';
import { ReserveForUnit } from '../intake/ReserveForUnit';
import { useNow } from '../hooks/use-now';
import { useSearchParams } from 'react-router-dom';
import type { ApiClient } from '../api/client';
import { useResource } from '../api/use-resource';
import { PageTitle } from '../components/PageTitle';
import { ResourceView } from '../components/Resource';
import { UnitFeatures } from '../components/UnitFeatures';
import { formatAgo, formatCount, formatDateTime, formatRate } from '../format';
import {
  CATEGORY_OPTIONS,
  categoryName,
  DISTRICT_OPTIONS,
  districtLabel,
  PROVIDER_TYPE_LABELS,
} from '../labels';
import { useLiveScopes } from '../live/live';
import './numbers.css';
import { ChoiceSelect, choicesOf } from '../components/ChoiceSelect';
import { useThrottled } from '../hooks/use-throttled';

interface Filters {
  category: string;
  districtCode: string;
  providerType: string;
  onlyAvailable: boolean;
}

/** A unit that has neither changed nor reported a census for this long is marked. */
const STALE_REPORT_LIMIT_MS = 24 * 3600_000;

const isStale = (unit: CapacityUnit, now: number) =>
  now - new Date(unit.updatedAt).getTime() > STALE_REPORT_LIMIT_MS;

/** A filter from the address bar, when it is one of the values the route takes ('' or a stale link: none). */
function oneOf<T extends string>(values: readonly T[], value: string): T | undefined {
  return values.find((v) => v === value);
}

function loadUnits(api: ApiClient, filters: Filters, signal: AbortSignal): Promise<CapacityUnit[]> {
  const query = {
    category: oneOf(SERVICE_CATEGORY_CODES, filters.category),
    districtCode: oneOf(DISTRICT_CODES, filters.districtCode),
    providerType: oneOf(PROVIDER_TYPES, filters.providerType),
    onlyAvailable: filters.onlyAvailable ? ('true' as const) : undefined,
  };
  return api.call(listCapacityUnits, { query }, { signal });
}

const CITY_SCOPE = [{ scope: 'city' as const }];

export default function AvailabilityPage() {
  const [params, setParams] = useSearchParams();
  const filters: Filters = {
    category: params.get('kategori') ?? '',
    districtCode: params.get('bydel') ?? '',
    providerType: params.get('type') ?? '',
    onlyAvailable: params.get('alle') !== 'ja',
  };
  const setFilter = (name: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  // Any change in the city changes some unit: reload at once (a burst: at most every LIVE_RELOAD_GAP_MS;
  // it was a 2-second debounce, which held every change back behind the other pages, issue 15).
  const city = useLiveScopes(CITY_SCOPE).get('city');
  const cityVersion = useThrottled(city?.version ?? 0);

  const key = JSON.stringify(filters);
  const units = useResource<CapacityUnit[]>(`${key}@${cityVersion}`, (api, signal) =>
    loadUnits(api, filters, signal),
  );

  const { user } = useRequiredSession();
  const reserves = mayOffer(user);
  const [reserveFor, setReserveFor] = useState<string | null>(null);
  const reserveUnit = units.state.data?.find((u) => u.id === reserveFor) ?? null;

  const now = useNow();
  return (
    <>
      <PageTitle lead="Enheter med ledige plasser nå. Enheter som ikke har rapportert det siste døgnet er merket.">
        Ledige plasser
      </PageTitle>
      <form className="filters" aria-label="Filtrer enhetene" onSubmit={(event) => event.preventDefault()}>
        <ChoiceSelect
          id="filter-category"
          label="Tjenestekategori"
          value={filters.category}
          onChange={(event) => setFilter('kategori', event.target.value)}
          placeholder="Alle kategorier"
          options={CATEGORY_OPTIONS}
        />
        <ChoiceSelect
          id="filter-district"
          label="Bydel (institusjonens)"
          value={filters.districtCode}
          onChange={(event) => setFilter('bydel', event.target.value)}
          placeholder="Alle bydeler"
          options={DISTRICT_OPTIONS}
        />
        <ChoiceSelect
          id="filter-provider"
          label="Driftsform"
          value={filters.providerType}
          onChange={(event) => setFilter('type', event.target.value)}
          placeholder="Alle driftsformer"
          options={choicesOf(PROVIDER_TYPES, PROVIDER_TYPE_LABELS)}
        />
        <PktCheckbox
          id="filter-only-available"
          label="Bare enheter med ledige plasser"
          checked={filters.onlyAvailable}
          onChange={(event) => setFilter('alle', event.target.checked ? null : 'ja')}
        />
      </form>

      <ResourceView resource={units} what="Listen over enheter">
        {(list) => (
          <>
            <p role="status" aria-live="polite" className="result-count">
              {list.length === 0
                ? 'Ingen enheter passer med filteret.'
                : `${list.length} ${list.length === 1 ? 'enhet' : 'enheter'}, ${formatCount(
                    list.reduce((sum, u) => sum + Math.max(0, u.available), 0),
                  )} ledige plasser`}
            </p>
            {list.length > 0 && (
              <div
                className="table-scroll"
                tabIndex={0}
                role="region"
                aria-label="Tabell, kan rulles sideveis"
              >
                <table className="pkt-table pkt-table--compact" data-testid="availability-table">
                  <caption className="pkt-sr-only">Enheter og ledige plasser</caption>
                  <thead>
                    <tr>
                      <th scope="col">Enhet</th>
                      <th scope="col" className="num">
                        Ledige
                      </th>
                      <th scope="col">Institusjon</th>
                      <th scope="col" className="col-optional">
                        Tjenestekategori
                      </th>
                      <th scope="col" className="col-optional">
                        Bydel
                      </th>
                      <th scope="col" className="col-optional">
                        Driftsform
                      </th>
                      <th scope="col" className="num col-optional">
                        Plasser
                      </th>
                      <th scope="col" className="num col-optional">
                        Belegg
                      </th>
                      <th scope="col" className="col-optional">
                        Sist rapportert
                      </th>
                      {reserves && <th scope="col">Felles inntak</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {[...list]
                      .sort((a, b) => b.available - a.available || a.name.localeCompare(b.name, 'nb'))
                      .map((unit) => (
                        <tr key={unit.id} data-stale={isStale(unit, now) || undefined}>
                          <th scope="row">
                            {unit.name}
                            <UnitFeatures features={unit.features} />
                          </th>
                          <td className="num strong" data-testid="unit-available">
                            {formatCount(Math.max(0, unit.available))}
                            {unit.available < 0 && (
                              <span className="over-capacity-note">
                                {' '}
                                (over kapasitet: {formatCount(-unit.available)})
                              </span>
                            )}
                          </td>
                          <td>{unit.institutionName}</td>
                          <td className="col-optional">{categoryName(unit.category)}</td>
                          <td className="col-optional">{districtLabel(unit.districtCode)}</td>
                          <td className="col-optional">{PROVIDER_TYPE_LABELS[unit.providerType]}</td>
                          <td className="num col-optional">{formatCount(unit.capacity)}</td>
                          <td className="num col-optional">{formatRate(unit.occupancyRate)}</td>
                          <td className="col-optional">
                            <time dateTime={unit.updatedAt} title={formatDateTime(unit.updatedAt)}>
                              {formatAgo(unit.updatedAt, now)}
                            </time>
                            {isStale(unit, now) && (
                              <>
                                {' '}
                                <PktTag skin="yellow" size="small">
                                  Ikke rapportert siste døgn
                                </PktTag>
                              </>
                            )}
                          </td>
                          {reserves && (
                            <td>
                              {unit.available > 0 && (
                                <Button
                                  skin="secondary"
                                  size="small"
                                  data-testid={`reserve-unit-${unit.id}`}
                                  aria-label={`Reserver plass på ${unit.name}`}
                                  onClick={() => setReserveFor(unit.id)}
                                >
                                  Reserver
                                </Button>
                              )}
                            </td>
                          )}
                        </tr>
                      ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </ResourceView>
      {reserves && reserveUnit && (
        <ReserveForUnit key={reserveUnit.id} unit={reserveUnit} onClose={() => setReserveFor(null)} />
      )}
    </>
  );
}
