/**
 * Varselhistorikk (ADR 0173): resolved alerts that were active in a period, newest first, with when they
 * were raised and resolved, what was measured at the end and who acknowledged them and when. Filtered by
 * type and period, paged on the server (`limit` and `offset` of listAlerts).
 */
import { PktTextinput } from '@oslokommune/punkt-react';
import type { AlertData } from '@plass/contracts';
import { listAlerts } from '@plass/contracts/rest';
import { ALERT_CODES, type AlertCode } from '@plass/domain';
import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useResource } from '../api/use-resource';
import { alertSubject, measuredText } from '../components/AlertsTable';
import { PageTitle } from '../components/PageTitle';
import { ResourceView } from '../components/Resource';
import { Button } from '../components/shell';
import { formatDateTime, formatDay, isoDay, nextDay } from '../format';
import { ALERT_CODE_LABELS } from '../labels';
import './numbers.css';
import { ChoiceSelect, choicesOf } from '../components/ChoiceSelect';

export const ALERT_HISTORY_PAGE_SIZE = 25;

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function isCode(value: string | null): value is AlertCode {
  return value !== null && (ALERT_CODES as readonly string[]).includes(value);
}

/** One page, and whether there is another: one alert more than the page is asked for. */
interface HistoryPage {
  alerts: AlertData[];
  more: boolean;
}

export default function AlertHistoryPage() {
  const [params, setParams] = useSearchParams();
  // The default period, fixed when the page opens: the last 30 days up to today.
  const [{ today, monthAgo }] = useState(() => {
    const now = new Date();
    return { today: isoDay(now), monthAgo: isoDay(new Date(now.getTime() - 30 * 86_400_000)) };
  });
  const fromParam = params.get('fra');
  const toParam = params.get('til');
  const from = fromParam && DAY_PATTERN.test(fromParam) ? fromParam : monthAgo;
  const to = toParam && DAY_PATTERN.test(toParam) ? toParam : today;
  const codeParam = params.get('type');
  const code = isCode(codeParam) ? codeParam : '';
  const pageNumber = Math.max(0, Number.parseInt(params.get('side') ?? '0', 10) || 0);
  const periodOk = from <= to;

  const set = (next: Record<string, string>) => {
    const merged = new URLSearchParams(params);
    for (const [name, value] of Object.entries(next)) {
      if (value) merged.set(name, value);
      else merged.delete(name);
    }
    // A new filter starts on the first page.
    if (!('side' in next)) merged.delete('side');
    setParams(merged, { replace: true });
  };

  const key = periodOk ? JSON.stringify({ from, to, code, pageNumber }) : null;
  const history = useResource<HistoryPage>(key, async (api, signal) => {
    const alerts = await api.call(
      listAlerts,
      {
        query: {
          status: 'resolved',
          ...(code ? { code } : {}),
          from,
          to: nextDay(to),
          limit: ALERT_HISTORY_PAGE_SIZE + 1,
          offset: pageNumber * ALERT_HISTORY_PAGE_SIZE,
        },
      },
      { signal },
    );
    return {
      alerts: alerts.slice(0, ALERT_HISTORY_PAGE_SIZE),
      more: alerts.length > ALERT_HISTORY_PAGE_SIZE,
    };
  });

  // After «Neste» or «Forrige» the table's caption takes the focus, so a keyboard user starts on the new page.
  const caption = useRef<HTMLTableCaptionElement>(null);
  const paged = useRef(false);
  useEffect(() => {
    if (paged.current && history.state.status === 'ok') {
      caption.current?.focus();
      paged.current = false;
    }
  }, [history.state]);
  const goTo = (n: number) => {
    paged.current = true;
    set({ side: n > 0 ? String(n) : '' });
  };

  return (
    <>
      <PageTitle lead="Løste varsler: når de oppsto og ble løst, hva som ble målt til slutt, og hvem som kvitterte.">
        Varselhistorikk
      </PageTitle>
      <p>
        <Link to="/varsler">Til åpne varsler</Link>
      </p>
      <form
        className="alert-history-filters"
        aria-label="Filtrer varselhistorikken"
        onSubmit={(event) => event.preventDefault()}
      >
        <ChoiceSelect
          id="history-code"
          label="Type"
          value={code}
          onChange={(e) => set({ type: e.target.value })}
          placeholder="Alle typer"
          options={choicesOf(ALERT_CODES, ALERT_CODE_LABELS)}
        />
        <PktTextinput
          id="history-from"
          label="Fra og med"
          type="date"
          value={from}
          max={to}
          onChange={(e) => set({ fra: e.target.value })}
          required
        />
        <PktTextinput
          id="history-to"
          label="Til og med"
          type="date"
          value={to}
          min={from}
          onChange={(e) => set({ til: e.target.value })}
          required
        />
      </form>
      {!periodOk ? (
        <p role="alert" className="error-text">
          «Fra og med» må være før eller lik «Til og med».
        </p>
      ) : (
        <ResourceView resource={history} what="Varselhistorikken">
          {({ alerts, more }) => (
            <>
              <p role="status" aria-live="polite" className="result-count" data-testid="history-count">
                {alerts.length === 0
                  ? `Ingen løste varsler${code ? ' av denne typen' : ''} fra ${formatDay(from)} til ${formatDay(to)}.`
                  : `Side ${pageNumber + 1}: varsel ${pageNumber * ALERT_HISTORY_PAGE_SIZE + 1}–${
                      pageNumber * ALERT_HISTORY_PAGE_SIZE + alerts.length
                    }, ${formatDay(from)}–${formatDay(to)}`}
              </p>
              {alerts.length > 0 && (
                <div
                  className="table-scroll"
                  tabIndex={0}
                  role="region"
                  aria-label="Tabell, kan rulles sideveis"
                >
                  <table className="pkt-table pkt-table--compact" data-testid="alert-history-table">
                    <caption ref={caption} tabIndex={-1}>
                      Løste varsler, nyeste først
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col">Varsel</th>
                        <th scope="col">Gjelder</th>
                        <th scope="col">Oppstått</th>
                        <th scope="col">Løst</th>
                        <th scope="col">Kvittert</th>
                        <th scope="col" className="col-optional">
                          Målt sist
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {alerts.map((alert) => (
                        <tr key={alert.id} data-alert-id={alert.id} data-alert-code={alert.code}>
                          <th scope="row">{ALERT_CODE_LABELS[alert.code]}</th>
                          <td>{alertSubject(alert)}</td>
                          <td>{formatDateTime(alert.raisedAt)}</td>
                          <td>{formatDateTime(alert.resolvedAt)}</td>
                          <td data-testid="history-acknowledged">
                            {alert.acknowledgedAt
                              ? `${formatDateTime(alert.acknowledgedAt)}${alert.acknowledgedBy ? ` av ${alert.acknowledgedBy}` : ''}`
                              : 'Ikke kvittert'}
                          </td>
                          <td className="col-optional">{measuredText(alert)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              {(pageNumber > 0 || more) && (
                <nav className="alert-history-pager" aria-label="Sider i varselhistorikken">
                  <Button
                    skin="secondary"
                    size="small"
                    disabled={pageNumber === 0}
                    onClick={() => goTo(pageNumber - 1)}
                  >
                    Forrige side
                  </Button>
                  <Button skin="secondary" size="small" disabled={!more} onClick={() => goTo(pageNumber + 1)}>
                    Neste side
                  </Button>
                </nav>
              )}
            </>
          )}
        </ResourceView>
      )}
    </>
  );
}
