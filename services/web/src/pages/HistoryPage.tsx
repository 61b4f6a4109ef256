/**
 * Historikk og rapporter: occupancy (or free places) over time per service category as a chart and a
 * table, and the utilisation report (bed-days) with CSV download.
 */
import { PktButton, PktSelect, PktTextinput } from '@oslokommune/punkt-react';
import {
  getCapacityHistory,
  getUtilizationReport,
  listCapacityUnits,
  type CapacityHistoryPoint,
  type GroupBy,
  type RouteInput,
  type Step,
  type UtilizationReport,
  type UtilizationRow,
} from '@plass/contracts/rest';
import { SERVICE_CATEGORIES, type Scope } from '@plass/domain';
import { useMemo, useState, type FormEvent } from 'react';
import { useResource } from '../api/use-resource';
import { useApi } from '../auth/session';
import { LineChart, type Series } from '../components/LineChart';
import { PageTitle } from '../components/PageTitle';
import { ResourceView } from '../components/Resource';
import { formatCount, formatDay, formatDays, formatRate, isoDay, nextDay } from '../format';
import { categoryName, DISTRICT_OPTIONS, districtLabel, PROVIDER_TYPE_LABELS } from '../labels';
import './pages.css';
import { useCsvDownload } from '../components/CsvDownload';

type Metric = 'occupancyRate' | 'available' | 'overCapacity';

/** The chart's y axis per metric; free places and overcapacity are each summed per unit (ADR 0192). */
const METRIC_LABELS: Record<Metric, string> = {
  occupancyRate: 'Belegg (prosent)',
  available: 'Ledige plasser',
  overCapacity: 'Over kapasitet',
};

/** What the history is of: every category side by side, or one scope of any kind (ADR 0186). */
type ScopeKind = 'all' | 'city' | 'category' | 'district' | 'institution' | 'unit';

const SCOPE_KIND_LABELS: Record<ScopeKind, string> = {
  all: 'Alle kategorier, hver for seg',
  city: 'Hele Oslo samlet',
  category: 'Én tjenestekategori',
  district: 'Én bydel (institusjonene som ligger der)',
  institution: 'Én institusjon',
  unit: 'Én enhet',
};

const ID_LABELS: Partial<Record<ScopeKind, string>> = {
  category: 'Tjenestekategori',
  district: 'Bydel',
  institution: 'Institusjon',
  unit: 'Enhet',
};

interface Option {
  value: string;
  label: string;
}

/** Institutions and units to choose from, as the read model has them (closed ones too: they have a past). */
function useScopeOptions(kind: ScopeKind): Option[] {
  const needed = kind === 'institution' || kind === 'unit';
  const units = useResource(needed ? 'units' : null, (api, signal) =>
    api.call(listCapacityUnits, { query: { includeClosed: 'true' } }, { signal }),
  );
  return useMemo(() => {
    switch (kind) {
      case 'category':
        return SERVICE_CATEGORIES.map((c) => ({ value: c.code, label: c.name }));
      case 'district':
        return DISTRICT_OPTIONS;
      case 'institution': {
        const byId = new Map((units.state.data ?? []).map((u) => [u.institutionId, u.institutionName]));
        return [...byId]
          .map(([value, label]) => ({ value, label }))
          .sort((a, b) => a.label.localeCompare(b.label, 'nb'));
      }
      case 'unit':
        return (units.state.data ?? [])
          .map((u) => ({ value: u.id, label: `${u.name} (${u.institutionName})` }))
          .sort((a, b) => a.label.localeCompare(b.label, 'nb'));
      default:
        return [];
    }
  }, [kind, units.state.data]);
}

const PERIODS = [
  { days: 7, label: 'Siste 7 dager' },
  { days: 30, label: 'Siste 30 dager' },
  { days: 90, label: 'Siste 90 dager' },
  { days: 365, label: 'Siste år' },
];

const GROUP_LABELS: Record<GroupBy, string> = {
  category: 'Tjenestekategori',
  institution: 'Institusjon',
  providerType: 'Driftsform',
  district: 'Bydel',
};

interface HistorySeries {
  label: string;
  points: CapacityHistoryPoint[];
}

function bucketLabel(iso: string, step: Step): string {
  const date = new Date(iso);
  return step === 'hour'
    ? date.toLocaleString('nb-NO', { day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' })
    : date.toLocaleDateString('nb-NO', { day: '2-digit', month: '2-digit' });
}

function HistorySection() {
  const [scopeKind, setScopeKind] = useState<ScopeKind>('all');
  const [pickedId, setPickedId] = useState<string | null>(null);
  const [days, setDays] = useState(30);
  const [step, setStep] = useState<Step>('day');
  const [metric, setMetric] = useState<Metric>('occupancyRate');
  const options = useScopeOptions(scopeKind);
  const needsId = ID_LABELS[scopeKind] !== undefined;
  // The picked id while it is one of the kind's options; else the first option.
  const scopeId = needsId
    ? (options.find((o) => o.value === pickedId)?.value ?? options[0]?.value ?? null)
    : null;

  const key = needsId && scopeId === null ? null : `${scopeKind}:${scopeId ?? ''}|${days}|${step}`;
  const history = useResource<HistorySeries[]>(key, async (api, signal) => {
    const to = new Date();
    const from = new Date(to.getTime() - days * 86_400_000);
    const scopes: { scope: Scope; id?: string; label: string }[] =
      scopeKind === 'all'
        ? SERVICE_CATEGORIES.map((c) => ({ scope: 'category', id: c.code, label: c.name }))
        : scopeKind === 'city'
          ? [{ scope: 'city', label: 'Hele Oslo' }]
          : [
              {
                scope: scopeKind,
                id: scopeId ?? undefined,
                label: options.find((o) => o.value === scopeId)?.label ?? categoryName(scopeId),
              },
            ];
    return Promise.all(
      scopes.map(async (s) => {
        const query = { scope: s.scope, id: s.id, from: from.toISOString(), to: to.toISOString(), step };
        const history = await api.call(getCapacityHistory, { query }, { signal });
        return { label: s.label, points: history.points };
      }),
    );
  });

  const chart = useMemo(() => {
    const data = history.state.data ?? [];
    const buckets = [...new Set(data.flatMap((s) => s.points.map((p) => p.start)))].sort();
    const series: Series[] = data.map((s) => {
      const byBucket = new Map(s.points.map((p) => [p.start, p]));
      return { label: s.label, values: buckets.map((b) => byBucket.get(b)?.[metric] ?? null) };
    });
    const hasGaps = series.some((s) => s.values.some((v) => v === null));
    return { buckets, labels: buckets.map((b) => bucketLabel(b, step)), series, hasGaps };
  }, [history.state.data, metric, step]);

  const percent = metric === 'occupancyRate';
  const metricLabel = METRIC_LABELS[metric];
  const format = (v: number | null) => (percent ? formatRate(v) : formatCount(v));

  return (
    <section aria-labelledby="history-heading" className="section">
      <h2 id="history-heading">Belegg over tid</h2>
      <form className="filters" aria-label="Velg utvalg for historikken" onSubmit={(e) => e.preventDefault()}>
        <PktSelect
          id="history-scope"
          label="Utvalg"
          value={scopeKind}
          onChange={(e) => {
            setScopeKind(e.target.value as ScopeKind);
            setPickedId(null);
          }}
        >
          {(Object.keys(SCOPE_KIND_LABELS) as ScopeKind[]).map((kind) => (
            <option key={kind} value={kind}>
              {SCOPE_KIND_LABELS[kind]}
            </option>
          ))}
        </PktSelect>
        {needsId && (
          <PktSelect
            id="history-scope-id"
            label={ID_LABELS[scopeKind] ?? ''}
            value={scopeId ?? ''}
            onChange={(e) => setPickedId(e.target.value)}
          >
            {options.length === 0 && <option value="">Henter valg …</option>}
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </PktSelect>
        )}
        <PktSelect
          id="history-period"
          label="Periode"
          value={String(days)}
          onChange={(e) => setDays(Number(e.target.value))}
        >
          {PERIODS.map((p) => (
            <option key={p.days} value={p.days}>
              {p.label}
            </option>
          ))}
        </PktSelect>
        <PktSelect
          id="history-step"
          label="Oppløsning"
          value={step}
          onChange={(e) => setStep(e.target.value as Step)}
        >
          <option value="day">Per døgn</option>
          <option value="hour">Per time</option>
        </PktSelect>
        <PktSelect
          id="history-metric"
          label="Vis"
          value={metric}
          onChange={(e) => setMetric(e.target.value as Metric)}
        >
          <option value="occupancyRate">Belegg</option>
          <option value="available">Ledige plasser</option>
          <option value="overCapacity">Over kapasitet</option>
        </PktSelect>
      </form>
      <ResourceView resource={history} what="Historikken">
        {() =>
          chart.buckets.length === 0 ? (
            <p>Ingen historikk for perioden ennå.</p>
          ) : (
            <>
              <LineChart
                labels={chart.labels}
                series={chart.series}
                yLabel={metricLabel}
                percent={percent}
                summary={`${metricLabel} ${chart.labels[0]}–${chart.labels[chart.labels.length - 1]} for ${chart.series
                  .map((s) => `${s.label}: sist ${format(s.values[s.values.length - 1] ?? null)}`)
                  .join('; ')}. Tallene står i tabellen under.`}
              />
              {chart.hasGaps && (
                <p className="muted" data-testid="history-gap-note">
                  Brudd i linjen og «–» i tabellen betyr at det ikke finnes data for tidspunktet, for eksempel
                  før utvalget ble registrert. Det er ikke det samme som 0.
                </p>
              )}
              <details className="data-table">
                <summary>Vis tallene som tabell</summary>
                <div
                  className="table-scroll"
                  tabIndex={0}
                  role="region"
                  aria-label="Tabell, kan rulles sideveis"
                >
                  <table className="pkt-table pkt-table--compact numbers">
                    <caption>{metricLabel}</caption>
                    <thead>
                      <tr>
                        <th scope="col">Tidspunkt</th>
                        {chart.series.map((s) => (
                          <th key={s.label} scope="col">
                            {s.label}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {chart.labels.map((label, i) => (
                        <tr key={chart.buckets[i]}>
                          <th scope="row">{label}</th>
                          {chart.series.map((s) => (
                            <td key={s.label} data-testid="history-cell">
                              {format(s.values[i] ?? null)}
                            </td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </details>
            </>
          )
        }
      </ResourceView>
    </section>
  );
}

function groupLabel(groupBy: GroupBy, row: UtilizationRow): string {
  if (row.name && row.name !== row.key) return row.name;
  switch (groupBy) {
    case 'category':
      return categoryName(row.key);
    case 'district':
      return districtLabel(row.key);
    case 'providerType':
      return PROVIDER_TYPE_LABELS[row.key as keyof typeof PROVIDER_TYPE_LABELS] ?? row.key;
    case 'institution':
      return row.name || row.key;
  }
}

function ReportSection() {
  const api = useApi();
  const today = new Date();
  const [from, setFrom] = useState(isoDay(new Date(today.getTime() - 30 * 86_400_000)));
  const [to, setTo] = useState(isoDay(today));
  const [groupBy, setGroupBy] = useState<GroupBy>('category');
  const [shown, setShown] = useState({ from, to, groupBy });

  // "Til og med" includes the last day: the report's end is the midnight after it.
  const reportQuery = (
    format: 'json' | 'csv',
    p = shown,
  ): RouteInput<typeof getUtilizationReport>['query'] => ({
    from: p.from,
    to: nextDay(p.to),
    groupBy: p.groupBy,
    format,
  });
  const report = useResource<UtilizationReport>(JSON.stringify(shown), (client, signal) =>
    client.call(getUtilizationReport, { query: reportQuery('json') }, { signal }),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setShown({ from, to, groupBy });
  };

  // The CSV is a download, not JSON: the route's request, answered raw.
  const download = useCsvDownload(
    () =>
      api.raw(
        getUtilizationReport,
        { query: reportQuery('csv', { from, to, groupBy }) },
        { accept: 'text/csv' },
      ),
    () => `utnyttelse_${from}_${to}_${groupBy}.csv`,
    'CSV-nedlasting av rapporten',
  );

  return (
    <section aria-labelledby="report-heading" className="section">
      <h2 id="report-heading">Utnyttelsesrapport</h2>
      <p className="muted">
        Mulige, brukte, sperrede og ubrukte døgn i perioden, og beleggsprosenten (brukte døgn av mulige døgn
        minus sperrede).
      </p>
      <form className="filters" onSubmit={submit} aria-label="Velg periode og gruppering for rapporten">
        <PktTextinput
          id="report-from"
          label="Fra og med"
          type="date"
          value={from}
          max={to}
          onChange={(e) => setFrom(e.target.value)}
          required
        />
        <PktTextinput
          id="report-to"
          label="Til og med"
          type="date"
          value={to}
          min={from}
          onChange={(e) => setTo(e.target.value)}
          required
        />
        <PktSelect
          id="report-group"
          label="Grupper etter"
          value={groupBy}
          onChange={(e) => setGroupBy(e.target.value as GroupBy)}
        >
          {(Object.keys(GROUP_LABELS) as GroupBy[]).map((g) => (
            <option key={g} value={g}>
              {GROUP_LABELS[g]}
            </option>
          ))}
        </PktSelect>
        <div className="button-row filters__buttons">
          <PktButton type="submit">Vis rapport</PktButton>
          {download.button}
        </div>
      </form>
      {download.message}
      <ResourceView resource={report} what="Utnyttelsesrapporten">
        {({ groups: rows, total }) =>
          rows.length === 0 ? (
            <p>Ingen tall for perioden.</p>
          ) : (
            <div className="table-scroll" tabIndex={0} role="region" aria-label="Tabell, kan rulles sideveis">
              <table className="pkt-table pkt-table--compact numbers" data-testid="report-table">
                <caption>
                  Utnyttelse {formatDay(shown.from)} – {formatDay(shown.to)} etter{' '}
                  {GROUP_LABELS[shown.groupBy].toLowerCase()}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{GROUP_LABELS[shown.groupBy]}</th>
                    <th scope="col">Mulige døgn</th>
                    <th scope="col">Brukte døgn</th>
                    <th scope="col">Sperrede døgn</th>
                    <th scope="col">Ubrukte døgn</th>
                    <th scope="col">Belegg</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.key}>
                      <th scope="row">{groupLabel(shown.groupBy, row)}</th>
                      <td>{formatDays(row.possibleBedDays)}</td>
                      <td>{formatDays(row.usedBedDays)}</td>
                      <td>{formatDays(row.blockedBedDays)}</td>
                      <td>{formatDays(row.unusedBedDays)}</td>
                      <td>{formatRate(row.occupancyRate)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">Totalt</th>
                    <td>{formatDays(total.possibleBedDays)}</td>
                    <td>{formatDays(total.usedBedDays)}</td>
                    <td>{formatDays(total.blockedBedDays)}</td>
                    <td>{formatDays(total.unusedBedDays)}</td>
                    <td>{formatRate(total.occupancyRate)}</td>
                  </tr>
                </tfoot>
              </table>
            </div>
          )
        }
      </ResourceView>
    </section>
  );
}

export default function HistoryPage() {
  return (
    <>
      <PageTitle lead="Hvordan belegget har utviklet seg, og hvor godt plassene er brukt.">
        Historikk og rapporter
      </PageTitle>
      <HistorySection />
      <ReportSection />
    </>
  );
}
