/** Direkte / kobler til igjen / frakoblet, announced politely when it changes. */
import { useConnectionStatus } from '../live/live';
import type { ConnectionStatus as Status } from '../live/live-connection';

const TEXT: Record<Status, string> = {
  connecting: 'Kobler til …',
  live: 'Direkte',
  reconnecting: 'Kobler til igjen …',
  offline: 'Frakoblet',
};

const HELP: Record<Status, string> = {
  connecting: 'Henter live-oppdateringer',
  live: 'Tallene oppdateres fortløpende',
  reconnecting: 'Forbindelsen er brutt. Tallene kan være utdaterte til forbindelsen er tilbake.',
  offline: 'Ingen forbindelse. Tallene oppdateres ikke.',
};

export function ConnectionStatus() {
  const { status, error } = useConnectionStatus();
  return (
    <p
      className={`connection connection--${status}`}
      role="status"
      aria-live="polite"
      data-testid="connection-status"
    >
      <span className="connection__dot" aria-hidden="true" />
      <span className="connection__text">{TEXT[status]}</span>
      <span className="pkt-sr-only">. {error ? `${HELP[status]} (${error})` : HELP[status]}</span>
    </p>
  );
}
