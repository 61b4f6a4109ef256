/** Varsler: alerts by status and type, live, with acknowledging (ARCHITECTURE.md §7). */
import type { SubscribeRequest } from '@plass/contracts';
import {
  ALERT_CODES,
  ALERT_STATUSES,
  DISTRICTS,
  mayAcknowledge,
  SERVICE_CATEGORIES,
  type AlertStatus,
} from '@plass/domain';
import { Link, useSearchParams } from 'react-router-dom';
import { useRequiredSession } from '../auth/session';
import { AlertsTable } from '../components/AlertsTable';
import { PageTitle } from '../components/PageTitle';
import { ResourceView } from '../components/Resource';
import { ALERT_CODE_LABELS, ALERT_STATUS_LABELS } from '../labels';
import { useLiveScopes } from '../live/live';
import { useAcknowledge, useAlerts } from '../live/use-alerts';
import { ChoiceSelect, choicesOf } from '../components/ChoiceSelect';

/** Alerts are pushed to the rooms they concern: be in the city's, every category's and district's. */
const ROOMS: SubscribeRequest[] = [
  { scope: 'city' },
  ...SERVICE_CATEGORIES.map((c) => ({ scope: 'category' as const, id: c.code })),
  ...DISTRICTS.map((d) => ({ scope: 'district' as const, id: d.code })),
];

function isStatus(value: string | null): value is AlertStatus {
  return value !== null && (ALERT_STATUSES as readonly string[]).includes(value);
}

export default function AlertsPage() {
  const { user } = useRequiredSession();
  const [params, setParams] = useSearchParams();
  const requested = params.get('status');
  const status: AlertStatus = isStatus(requested) ? requested : 'open';
  const code = params.get('type') ?? '';
  useLiveScopes(ROOMS);
  const alerts = useAlerts(status);
  const acknowledging = useAcknowledge(alerts, status);

  const show = (next: { status?: AlertStatus; type?: string }) => {
    acknowledging.clearMessage();
    const merged = { status, type: code, ...next };
    setParams(merged.type ? { status: merged.status, type: merged.type } : { status: merged.status }, {
      replace: true,
    });
  };

  return (
    <>
      <PageTitle lead="Varsler om overbelegg, høyt belegg, manglende ledige plasser, manglende rapportering og boligmangel. Kvitter når noen har tatt tak i et varsel; det løses automatisk når situasjonen er over.">
        Varsler
      </PageTitle>
      <p>
        <Link to="/varsler/historikk">Se løste varsler i varselhistorikken</Link>
      </p>
      <div className="filters">
        <nav aria-label="Varselstatus" className="segmented">
          <ul>
            {ALERT_STATUSES.map((s) => (
              <li key={s}>
                <a
                  href={`?status=${s}`}
                  aria-current={s === status ? 'page' : undefined}
                  onClick={(event) => {
                    event.preventDefault();
                    show({ status: s });
                  }}
                >
                  {ALERT_STATUS_LABELS[s]}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <ChoiceSelect
          id="alert-type"
          label="Type"
          value={code}
          onChange={(event) => show({ type: event.target.value })}
          placeholder="Alle typer"
          options={choicesOf(ALERT_CODES, ALERT_CODE_LABELS)}
        />
      </div>
      <div aria-live="polite">
        {acknowledging.message && (
          <p
            role={acknowledging.message.ok ? 'status' : 'alert'}
            className={acknowledging.message.ok ? 'success-text' : 'error-text'}
            data-testid="alert-message"
          >
            {acknowledging.message.text}
          </p>
        )}
      </div>
      <ResourceView resource={alerts} what="Varsler">
        {(all) => {
          const list = code ? all.filter((a) => a.code === code) : all;
          return list.length === 0 ? (
            <p>
              Ingen {ALERT_STATUS_LABELS[status].toLowerCase()} varsler{code ? ' av denne typen' : ''}.
            </p>
          ) : (
            <AlertsTable
              alerts={list}
              caption={`${ALERT_STATUS_LABELS[status]} varsler (${list.length}), de viktigste først`}
              onAcknowledge={status === 'open' ? (alert) => void acknowledging.acknowledge(alert) : undefined}
              canAcknowledge={(alert) => mayAcknowledge(user, alert)}
              busyId={acknowledging.busyId}
            />
          );
        }}
      </ResourceView>
    </>
  );
}
