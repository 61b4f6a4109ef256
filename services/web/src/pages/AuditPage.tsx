/**
 * Revisjonslogg (issue 16, ADR 0202): who changed what and when, refusals included, across the
 * institution, housing, capacity and intake services — filtered by period, actor and target, with a CSV
 * download. Administrators only; the trail holds staff identities and route ids, never resident data.
 */
import { PktButton, PktTextinput } from '@oslokommune/punkt-react';
import { listAuditEntries, type AuditLogEntry, type AuditOutcome } from '@plass/contracts/rest';
import { useState, type FormEvent } from 'react';
import { useResource } from '../api/use-resource';
import { useApi, useRequiredSession } from '../auth/session';
import { useCsvDownload } from '../components/CsvDownload';
import { PageTitle } from '../components/PageTitle';
import { ResourceView } from '../components/Resource';
import { formatDateTime, formatDay, isoDay, nextDay } from '../format';
import { ROLE_LABELS } from '../labels';
import './pages.css';

const TABLE_REGION = { tabIndex: 0, role: 'region', 'aria-label': 'Tabell, kan rulles sideveis' } as const;

const OUTCOME_LABELS: Record<AuditOutcome, string> = {
  success: 'Utført',
  refused: 'Avvist',
  failed: 'Feilet',
};

const METHOD_LABELS: Record<string, string> = {
  POST: 'Opprett',
  PUT: 'Erstatt',
  PATCH: 'Endre',
  DELETE: 'Slett',
};

/** How many entries the page shows; the CSV download has up to the contract's maximum. */
const PAGE_LIMIT = 500;

function roleText(role: string | null): string {
  if (!role) return '–';
  return role
    .split(',')
    .map((r) => ROLE_LABELS[r as keyof typeof ROLE_LABELS] ?? r)
    .join(', ');
}

function Action({ action }: { action: string }) {
  const [method, ...rest] = action.split(' ');
  return (
    <>
      {METHOD_LABELS[method] ?? method} <code>{rest.join(' ')}</code>
    </>
  );
}

function AuditTable({ entries }: { entries: AuditLogEntry[] }) {
  if (entries.length === 0) return <p>Ingen hendelser i loggen for dette utvalget.</p>;
  return (
    <div className="table-scroll" {...TABLE_REGION}>
      <table className="pkt-table pkt-table--compact" data-testid="audit-table">
        <caption className="pkt-sr-only">Revisjonslogg, nyeste først</caption>
        <thead>
          <tr>
            <th scope="col">Tidspunkt</th>
            <th scope="col">Aktør</th>
            <th scope="col">Rolle</th>
            <th scope="col">Handling</th>
            <th scope="col">Mål</th>
            <th scope="col">Utfall</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={`${e.service}-${e.id}`} data-outcome={e.outcome}>
              <td>{formatDateTime(e.at)}</td>
              <td>{e.actor ?? 'Anonym (uten gyldig innlogging)'}</td>
              <td>{roleText(e.role)}</td>
              <td>
                <Action action={e.action} />
              </td>
              <td>{e.target ? <code>{e.target}</code> : '–'}</td>
              <td className={e.outcome === 'success' ? undefined : 'warning-text'}>
                {OUTCOME_LABELS[e.outcome]} ({e.status === 0 ? 'uten svar' : `HTTP ${e.status}`})
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface Filter {
  from: string;
  to: string;
  actor: string;
  target: string;
}

function queryOf(filter: Filter) {
  return {
    from: filter.from,
    to: nextDay(filter.to),
    ...(filter.actor.trim() ? { actor: filter.actor.trim() } : {}),
    ...(filter.target.trim() ? { target: filter.target.trim() } : {}),
  };
}

export default function AuditPage() {
  const session = useRequiredSession();
  const api = useApi();
  const today = new Date();
  const [filter, setFilter] = useState<Filter>({
    from: isoDay(new Date(today.getTime() - 7 * 86_400_000)),
    to: isoDay(today),
    actor: '',
    target: '',
  });
  const [shown, setShown] = useState(filter);
  const isAdmin = session.user.roles.includes('admin');
  const entries = useResource(isAdmin ? JSON.stringify(shown) : null, (client, signal) =>
    client.call(listAuditEntries, { query: { ...queryOf(shown), limit: PAGE_LIMIT } }, { signal }),
  );
  const download = useCsvDownload(
    () => api.raw(listAuditEntries, { query: { ...queryOf(filter), format: 'csv' } }, { accept: 'text/csv' }),
    () => `revisjonslogg-${filter.from}-${filter.to}.csv`,
    'CSV-nedlastingen',
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setShown(filter);
  };
  const set = (key: keyof Filter) => (event: { target: { value: string } }) =>
    setFilter((current) => ({ ...current, [key]: event.target.value }));

  return (
    <>
      <PageTitle lead="Hvem endret hva og når: alle endringer og avviste forsøk i institusjons-, bolig-, kapasitets- og inntakstjenesten.">
        Revisjonslogg
      </PageTitle>
      {!isAdmin ? (
        <p>Revisjonsloggen er bare for administratorer.</p>
      ) : (
        <>
          <form className="filters" onSubmit={submit} aria-label="Filtrer revisjonsloggen">
            <PktTextinput
              id="audit-from"
              label="Fra og med"
              type="date"
              value={filter.from}
              max={filter.to}
              onChange={set('from')}
              required
            />
            <PktTextinput
              id="audit-to"
              label="Til og med"
              type="date"
              value={filter.to}
              min={filter.from}
              onChange={set('to')}
              required
            />
            <PktTextinput
              id="audit-actor"
              label="Aktør"
              helptext="Brukerens id (sub), nøyaktig"
              value={filter.actor}
              onChange={set('actor')}
            />
            <PktTextinput
              id="audit-target"
              label="Mål"
              helptext="Hele eller deler av en id, f.eks. en enhets id"
              value={filter.target}
              onChange={set('target')}
            />
            <div className="button-row filters__buttons">
              <PktButton type="submit">Vis logg</PktButton>
              {download.button}
            </div>
          </form>
          {download.message}
          <p className="muted">
            Periode {formatDay(shown.from)} – {formatDay(shown.to)}, nyeste først (høyst {PAGE_LIMIT}{' '}
            hendelser; CSV-filen har alle).
          </p>
          <ResourceView resource={entries} what="Revisjonsloggen">
            {(list) => <AuditTable entries={list} />}
          </ResourceView>
        </>
      )}
    </>
  );
}
