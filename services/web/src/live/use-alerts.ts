/** Alerts of one status from REST, kept current with the pushed alert:* events. */
import type { AlertData } from '@plass/contracts';
import { acknowledgeAlert, listAlerts } from '@plass/contracts/rest';
import type { AlertStatus } from '@plass/domain';
import { useState } from 'react';
import { norwegianMessage } from '../api/problems';
import { useResource, type Resource } from '../api/use-resource';
import { useApi } from '../auth/session';
import { alertSubject } from '../components/AlertsTable';
import { ALERT_CODE_LABELS } from '../labels';
import { useAlertEvents } from './live';

export function useAlerts(status: AlertStatus | null): Resource<AlertData[]> {
  const resource = useResource<AlertData[]>(status && `alerts:${status}`, (api, signal) =>
    api.call(listAlerts, { query: { status: status ?? 'open' } }, { signal }),
  );
  useAlertEvents((_transition, alert) => {
    if (resource.state.status !== 'ok') return;
    resource.set((current = []) => {
      const others = current.filter((a) => a.id !== alert.id);
      const existing = current.find((a) => a.id === alert.id);
      // An older transition arriving late never overwrites a newer one.
      if (existing && existing.version >= alert.version) return current;
      return alert.status === status ? [alert, ...others] : others;
    });
  });
  return resource;
}

export interface Acknowledging {
  acknowledge(alert: AlertData): Promise<void>;
  busyId: string | null;
  message: { ok: boolean; text: string } | null;
  clearMessage(): void;
}

/** Acknowledges an alert as the signed-in person and updates the list with the answer. */
export function useAcknowledge(resource: Resource<AlertData[]>, shownStatus: AlertStatus): Acknowledging {
  const api = useApi();
  const [busyId, setBusyId] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function acknowledge(alert: AlertData) {
    setBusyId(alert.id);
    setMessage(null);
    try {
      const updated = await api.call(acknowledgeAlert, { params: { id: alert.id } });
      resource.set((current = []) =>
        current.map((a) => (a.id === alert.id ? updated : a)).filter((a) => a.status === shownStatus),
      );
      setMessage({
        ok: true,
        text: `Varselet «${ALERT_CODE_LABELS[alert.code]}» for ${alertSubject(alert)} er kvittert.`,
      });
    } catch (error) {
      setMessage({ ok: false, text: norwegianMessage(error, 'Kvittering av varsler') });
    } finally {
      setBusyId(null);
    }
  }

  return { acknowledge, busyId, message, clearMessage: () => setMessage(null) };
}
