/**
 * The annual report's figures on «Styringsdata» (ADR 0221), as Velferdsetaten's 2024 report gives them:
 * beleggsprosent per category (figure 22), the resource centres' bed-days, immediate discharges and moves
 * to own housing per category, stays beyond the norm by length, and each district's share of stays per
 * category (figure 21). Shown for any chosen period; «2024» shows the published year.
 */
import { STAY_LENGTH_BUCKETS, type CapacityIndicators, type UtilizationReport } from '@plass/contracts/rest';
import { SERVICE_CATEGORIES, type ServiceCategoryCode } from '@plass/domain';
import { SuppressedCount } from '../components/SuppressedCount';
import { formatCount, formatDays, formatRate } from '../format';

/** A sum of counts, unknown (null) when one of them is hidden by small-number suppression (ADR 0223). */
const sumOf = (values: readonly (number | null | undefined)[]): number | null =>
  values.some((v) => v === null) ? null : values.reduce<number>((n, v) => n + (v ?? 0), 0);

const TABLE_REGION = { tabIndex: 0, role: 'region', 'aria-label': 'Tabell, kan rulles sideveis' } as const;

/** Figure 21's columns: the report puts acute and assessment together (ADR 0222). */
const FIGURE_21_COLUMNS: { name: string; categories: ServiceCategoryCode[] }[] = [
  { name: 'Akutt/utredning', categories: ['acute', 'assessment-active'] },
  { name: 'Korttid rusfri', categories: ['assessment-drugfree'] },
  { name: 'Mestring', categories: ['coping'] },
  { name: 'Omsorg aktiv rus', categories: ['care-active'] },
  { name: 'Omsorg rusfri', categories: ['care-drugfree'] },
  { name: 'Ressurssenter', categories: ['resource-centre'] },
  { name: 'Forsterket', categories: ['reinforced-residential', 'reinforced-care'] },
];

export function Occupancy({ report }: { report: UtilizationReport }) {
  const rows = SERVICE_CATEGORIES.flatMap((c) => report.groups.filter((g) => g.key === c.code));
  return (
    <section aria-labelledby="occupancy-heading" className="section">
      <h2 id="occupancy-heading">Beleggsprosent per tjenestekategori</h2>
      <p className="muted">
        Brukte døgn av døgnene plassene kunne brukes (mulige døgn minus sperrede) i perioden.
      </p>
      {rows.length === 0 ? (
        <p>Ingen plasser i perioden.</p>
      ) : (
        <div className="table-scroll" {...TABLE_REGION}>
          <table className="pkt-table pkt-table--compact numbers" data-testid="indicators-occupancy">
            <caption className="pkt-sr-only">Beleggsprosent og døgn per tjenestekategori</caption>
            <thead>
              <tr>
                <th scope="col">Tjenestekategori</th>
                <th scope="col">Beleggsprosent</th>
                <th scope="col">Mulige døgn</th>
                <th scope="col">Brukte døgn</th>
                <th scope="col">Sperrede døgn</th>
                <th scope="col">Ubrukte døgn</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((g) => (
                <tr key={g.key} data-category={g.key}>
                  <th scope="row">{g.name}</th>
                  <td data-testid={`occupancy-${g.key}`}>{formatRate(g.occupancyRate)}</td>
                  <td>{formatDays(g.possibleBedDays)}</td>
                  <td>{formatDays(g.usedBedDays)}</td>
                  <td>{formatDays(g.blockedBedDays)}</td>
                  <td>{formatDays(g.unusedBedDays)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Alle institusjoner</th>
                <td data-testid="occupancy-all">{formatRate(report.total.occupancyRate)}</td>
                <td>{formatDays(report.total.possibleBedDays)}</td>
                <td>{formatDays(report.total.usedBedDays)}</td>
                <td>{formatDays(report.total.blockedBedDays)}</td>
                <td>{formatDays(report.total.unusedBedDays)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </section>
  );
}

export function ResourceCentres({ report }: { report: UtilizationReport }) {
  const row = report.groups.find((g) => g.key === 'resource-centre');
  return (
    <section aria-labelledby="resource-heading" className="section">
      <h2 id="resource-heading">Ressurssentrene: døgn i perioden</h2>
      {!row ? (
        <p>Ingen ressurssentre i perioden.</p>
      ) : (
        <dl className="key-figures" data-testid="indicators-resource-centres">
          <div className="key-figure">
            <dt>Mulige døgn</dt>
            <dd data-testid="resource-possible">{formatDays(row.possibleBedDays)}</dd>
          </div>
          <div className="key-figure">
            <dt>Brukte døgn</dt>
            <dd data-testid="resource-used">{formatDays(row.usedBedDays)}</dd>
          </div>
          <div className="key-figure">
            <dt>Ubrukte døgn</dt>
            <dd data-testid="resource-unused">{formatDays(row.unusedBedDays)}</dd>
          </div>
          <div className="key-figure">
            <dt>Beleggsprosent</dt>
            <dd data-testid="resource-rate">{formatRate(row.occupancyRate)}</dd>
          </div>
        </dl>
      )}
    </section>
  );
}

export function DischargesAndMoves({ data }: { data: CapacityIndicators }) {
  const immediateTotal = sumOf(data.dischargesByReason.map((c) => c.byReason.immediate));
  const movesTotal = sumOf(data.movesToOwnHousing.map((c) => c.count));
  const withoutAddress = sumOf(data.movesToOwnHousing.map((c) => c.withoutOsloAddress));
  const hidden = (value: number | null) => <SuppressedCount value={value} suppression={data.suppression} />;
  return (
    <section aria-labelledby="immediate-heading" className="section">
      <h2 id="immediate-heading">Øyeblikkelig utskrivning og flytting til egen bolig</h2>
      <dl className="key-figures">
        <div className="key-figure">
          <dt>Øyeblikkelige utskrivninger</dt>
          <dd data-testid="indicators-immediate-total">{hidden(immediateTotal)}</dd>
        </div>
        <div className="key-figure">
          <dt>Flyttet til egen bolig</dt>
          <dd data-testid="indicators-moves-total">{hidden(movesTotal)}</dd>
        </div>
        <div className="key-figure">
          <dt>Av dem uten adresse i Oslo</dt>
          <dd data-testid="indicators-moves-utenbys">{hidden(withoutAddress)}</dd>
        </div>
      </dl>
      {data.dischargesByReason.length > 0 && (
        <div className="table-scroll" {...TABLE_REGION}>
          <table className="pkt-table pkt-table--compact numbers" data-testid="indicators-immediate">
            <caption className="pkt-sr-only">
              Øyeblikkelige utskrivninger og flyttinger til egen bolig per tjenestekategori
            </caption>
            <thead>
              <tr>
                <th scope="col">Tjenestekategori</th>
                <th scope="col">Øyeblikkelig utskrivning</th>
                <th scope="col">Flyttet til egen bolig</th>
                <th scope="col">Av dem uten adresse i Oslo</th>
              </tr>
            </thead>
            <tbody>
              {data.dischargesByReason.map((c) => {
                const moves = data.movesToOwnHousing.find((m) => m.category === c.category);
                return (
                  <tr key={c.category} data-category={c.category}>
                    <th scope="row">{c.name}</th>
                    <td data-testid={`immediate-${c.category}`}>{hidden(c.byReason.immediate)}</td>
                    <td data-testid={`moves-${c.category}`}>{hidden(moves ? moves.count : 0)}</td>
                    <td>{hidden(moves ? moves.withoutOsloAddress : 0)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function BeyondNorm({ data }: { data: CapacityIndicators }) {
  // A hidden total (null) is a small one, not none: its row is shown.
  const rows = data.staysBeyondNorm.filter((c) => c.total !== 0);
  const hidden = (value: number | null) => <SuppressedCount value={value} suppression={data.suppression} />;
  return (
    <section aria-labelledby="beyond-norm-heading" className="section">
      <h2 id="beyond-norm-heading">Opphold utover normert botid etter lengde</h2>
      <p className="muted">
        Opphold i perioden som varte lenger enn kategoriens normerte botid, regnet fra innskrivning til
        utskrivning eller periodens slutt.
      </p>
      {rows.length === 0 ? (
        <p>Ingen opphold utover normert botid i perioden.</p>
      ) : (
        <div className="table-scroll" {...TABLE_REGION}>
          <table className="pkt-table pkt-table--compact numbers" data-testid="indicators-beyond-norm">
            <caption className="pkt-sr-only">
              Opphold utover normert botid per tjenestekategori og lengde
            </caption>
            <thead>
              <tr>
                <th scope="col">Tjenestekategori</th>
                <th scope="col">Normert botid (døgn)</th>
                {STAY_LENGTH_BUCKETS.map((b) => (
                  <th key={b.key} scope="col">
                    {b.name}
                  </th>
                ))}
                <th scope="col">I alt</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.category} data-category={c.category}>
                  <th scope="row">{c.name}</th>
                  <td>{formatCount(c.normedMaxStayDays)}</td>
                  {STAY_LENGTH_BUCKETS.map((b) => (
                    <td key={b.key} data-testid={`beyond-${c.category}-${b.key}`}>
                      {hidden(c.buckets[b.key])}
                    </td>
                  ))}
                  <td>{hidden(c.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function Figure21({ data }: { data: CapacityIndicators }) {
  const districts = data.referrals.filter((r) => r.districtCode !== 'utenbys' && r.districtCode !== 'all');
  // The figure's «Alle bydeler» leaves out people without an Oslo address: summed here from the districts.
  const all = {
    districtCode: 'all',
    name: 'Alle bydeler',
    stays: sumOf(districts.map((r) => r.stays)),
    categories: SERVICE_CATEGORIES.map((c) => ({
      category: c.code,
      stays: sumOf(districts.map((r) => r.categories.find((x) => x.category === c.code)?.stays)),
    })),
  };
  const rows = districts.length > 0 ? [all, ...districts] : [];
  return (
    <section aria-labelledby="figure-21-heading" className="section">
      <h2 id="figure-21-heading">Andel opphold per tjenestekategori for hver bydel</h2>
      <p className="muted">
        Opphold startet i perioden, i prosent av bydelens opphold, avrundet til hele prosent. Systemet kjenner
        alltid kategorien, så «ikke oppgitt» finnes ikke her. Personer uten adresse i Oslo er ikke med.
      </p>
      {rows.length === 0 ? (
        <p>Ingen opphold startet i perioden.</p>
      ) : (
        <div className="table-scroll" {...TABLE_REGION}>
          <table className="pkt-table pkt-table--compact numbers" data-testid="indicators-figure-21">
            <caption className="pkt-sr-only">Andel opphold per tjenestekategori og henvisende bydel</caption>
            <thead>
              <tr>
                <th scope="col">Bydel</th>
                {FIGURE_21_COLUMNS.map((c) => (
                  <th key={c.name} scope="col">
                    {c.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.districtCode} data-district={r.districtCode}>
                  <th scope="row">{r.name}</th>
                  {FIGURE_21_COLUMNS.map((c) => {
                    // A share of a hidden count is not shown (ADR 0223).
                    const stays = sumOf(
                      r.categories.filter((x) => c.categories.includes(x.category)).map((x) => x.stays),
                    );
                    const share = stays !== null && r.stays !== null && r.stays > 0 ? stays / r.stays : null;
                    return <td key={c.name}>{formatRate(share)}</td>;
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
