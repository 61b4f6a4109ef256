/**
 * Alerts as a table: severity, what, where, what is measured now (an unresolved alert's figures follow the
 * situation, ADR 0172), when, who acknowledged it and when, and acknowledging.
 */
import type { AlertData } from '@plass/contracts';
import type { AlertSeverity } from '@plass/domain';
import { formatDateTime } from '../format';
import { measuredText } from './alert-measured';
import { Button, Tag } from './shell';
import { ALERT_CODE_LABELS, ALERT_SEVERITY_LABELS, categoryName, districtLabel } from '../labels';

export { measuredText };

const SEVERITY_SKIN: Record<AlertSeverity, 'red' | 'yellow' | 'blue-light'> = {
  critical: 'red',
  warning: 'yellow',
  info: 'blue-light',
};

const SEVERITY_ORDER: Record<AlertSeverity, number> = { critical: 0, warning: 1, info: 2 };

export function sortAlerts(alerts: AlertData[]): AlertData[] {
  return [...alerts].sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || b.raisedAt.localeCompare(a.raisedAt),
  );
}

export function alertSubject(alert: AlertData): string {
  if (alert.scopeName) return alert.scopeName;
  switch (alert.scope) {
    case 'category':
      return `${categoryName(alert.category ?? alert.scopeId)} (hele Oslo)`;
    case 'district':
      return districtLabel(alert.districtCode ?? alert.scopeId);
    case 'unit':
    case 'institution':
      return alert.scopeId;
  }
}

export function AlertsTable({
  alerts,
  caption,
  onAcknowledge,
  canAcknowledge = () => true,
  busyId,
}: {
  alerts: AlertData[];
  caption: string;
  onAcknowledge?: (alert: AlertData) => void;
  /** Whether this user may acknowledge the alert; others see no button. */
  canAcknowledge?: (alert: AlertData) => boolean;
  busyId?: string | null;
}) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Tabell, kan rulles sideveis">
      <table className="pkt-table pkt-table--compact" data-testid="alerts-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Alvorlighet</th>
            <th scope="col">Varsel</th>
            <th scope="col">Gjelder</th>
            <th scope="col">Målt</th>
            <th scope="col">Oppstått</th>
            <th scope="col">Status</th>
            {onAcknowledge && <th scope="col">Handling</th>}
          </tr>
        </thead>
        <tbody>
          {sortAlerts(alerts).map((alert) => (
            <tr key={alert.id} data-alert-id={alert.id} data-alert-code={alert.code}>
              <td>
                <Tag skin={SEVERITY_SKIN[alert.severity]}>{ALERT_SEVERITY_LABELS[alert.severity]}</Tag>
              </td>
              <th scope="row">{ALERT_CODE_LABELS[alert.code]}</th>
              <td>{alertSubject(alert)}</td>
              <td>{measuredText(alert)}</td>
              <td>{formatDateTime(alert.raisedAt)}</td>
              <td>
                {alert.status === 'open' && 'Åpen'}
                {alert.status === 'acknowledged' &&
                  `Kvittert ${formatDateTime(alert.acknowledgedAt)}${alert.acknowledgedBy ? ` av ${alert.acknowledgedBy}` : ''}`}
                {alert.status === 'resolved' && `Løst ${formatDateTime(alert.resolvedAt)}`}
                {alert.status === 'resolved' && (
                  <span className="alert-acknowledged" data-testid="alert-acknowledged">
                    {alert.acknowledgedAt
                      ? `, kvittert ${formatDateTime(alert.acknowledgedAt)}${alert.acknowledgedBy ? ` av ${alert.acknowledgedBy}` : ''}`
                      : ', ikke kvittert'}
                  </span>
                )}
              </td>
              {onAcknowledge && (
                <td>
                  {alert.status === 'open' && canAcknowledge(alert) && (
                    <Button
                      size="small"
                      skin="secondary"
                      disabled={busyId === alert.id}
                      onClick={() => onAcknowledge(alert)}
                      aria-label={`Kvitter for varselet ${ALERT_CODE_LABELS[alert.code]}, ${alertSubject(alert)}`}
                    >
                      {busyId === alert.id ? 'Kvitterer …' : 'Kvitter'}
                    </Button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
