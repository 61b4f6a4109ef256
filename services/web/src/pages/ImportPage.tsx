/**
 * Importer historikk (issue 17, ADR 0218): an administrator uploads units.csv, capacity.csv, stays.csv and
 * blocks.csv (any of them), follows the import's progress, and sees the refused rows with file, line and
 * reason. The files go to POST /api/institutions/import as multipart; the job is read until it is done.
 */
import { PktButton } from '@oslokommune/punkt-react';
import {
  getImport,
  IMPORT_COLUMNS,
  IMPORT_FILES,
  importRefusalText,
  startImport,
  type ImportFile,
  type ImportJobDto,
  type ImportStatus,
} from '@plass/contracts/rest';
import { useEffect, useState, type FormEvent } from 'react';
import { norwegianMessage } from '../api/problems';
import { useApi, useRequiredSession } from '../auth/session';
import { PageTitle } from '../components/PageTitle';
import './pages.css';

const FILE_LABELS: Record<ImportFile, string> = {
  units: 'Avdelinger (units.csv)',
  capacity: 'Kapasitet (capacity.csv)',
  stays: 'Opphold (stays.csv)',
  blocks: 'Sperrede plasser (blocks.csv)',
};

const STATUS_LABELS: Record<ImportStatus, string> = {
  validating: 'Kontrollerer radene',
  applying: 'Legger inn',
  done: 'Ferdig',
  failed: 'Feilet',
};

const TABLE_REGION = { tabIndex: 0, role: 'region', 'aria-label': 'Tabell, kan rulles sideveis' } as const;

function JobView({ job }: { job: ImportJobDto }) {
  const percent = job.rows.total ? Math.round((job.rows.done / job.rows.total) * 100) : 0;
  return (
    <section aria-live="polite" data-testid="import-job">
      <h2>{STATUS_LABELS[job.status]}</h2>
      <p>
        <progress max={Math.max(job.rows.total, 1)} value={job.rows.done} aria-label="Framdrift" />{' '}
        {job.rows.done} av {job.rows.total} rader ({percent} %)
      </p>
      {job.error ? <p className="warning-text">Importen feilet: {job.error}</p> : null}
      <div className="table-scroll" {...TABLE_REGION}>
        <table className="pkt-table pkt-table--compact">
          <caption className="pkt-sr-only">Rader per fil</caption>
          <thead>
            <tr>
              <th scope="col">Fil</th>
              <th scope="col">Rader</th>
              <th scope="col">Lagt inn</th>
              <th scope="col">Uendret</th>
              <th scope="col">Avvist</th>
            </tr>
          </thead>
          <tbody>
            {IMPORT_FILES.filter((f) => job.files[f].total > 0).map((f) => (
              <tr key={f}>
                <td>{FILE_LABELS[f]}</td>
                <td>{job.files[f].total}</td>
                <td>{job.files[f].applied}</td>
                <td>{job.files[f].unchanged}</td>
                <td>{job.files[f].refused}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {job.refusedTotal > 0 ? (
        <>
          <h2>Avviste rader ({job.refusedTotal})</h2>
          <p>
            Ingenting fra disse radene er lagt inn. Rett dem og importer filene på nytt: resten står uendret.
          </p>
          <div className="table-scroll" {...TABLE_REGION}>
            <table className="pkt-table pkt-table--compact" data-testid="import-refused">
              <caption className="pkt-sr-only">Avviste rader med fil, linje og årsak</caption>
              <thead>
                <tr>
                  <th scope="col">Fil</th>
                  <th scope="col">Linje</th>
                  <th scope="col">Årsak</th>
                </tr>
              </thead>
              <tbody>
                {job.refused.map((r) => (
                  <tr key={`${r.file}-${r.line}`}>
                    <td>{r.file}.csv</td>
                    <td>{r.line}</td>
                    <td>{importRefusalText(r, 'nb')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {job.refusedTotal > job.refused.length ? (
            <p>
              Viser de første {job.refused.length} av {job.refusedTotal} avviste radene.
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

export default function ImportPage() {
  const session = useRequiredSession();
  const api = useApi();
  const [files, setFiles] = useState<Partial<Record<ImportFile, File>>>({});
  const [jobId, setJobId] = useState<string | null>(null);
  const [job, setJob] = useState<ImportJobDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  useEffect(() => {
    if (!jobId) return;
    let stopped = false;
    const poll = async () => {
      while (!stopped) {
        try {
          const next = await api.call(getImport, { params: { id: jobId } });
          if (stopped) return;
          setJob(next);
          if (next.status === 'done' || next.status === 'failed') return;
        } catch (e) {
          if (!stopped) setError(norwegianMessage(e, 'Importen'));
          return;
        }
        await new Promise((r) => setTimeout(r, 500));
      }
    };
    void poll();
    return () => {
      stopped = true;
    };
  }, [api, jobId]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setJob(null);
    const chosen = IMPORT_FILES.filter((f) => files[f]);
    if (chosen.length === 0) {
      setError('Velg minst én fil.');
      return;
    }
    const form = new FormData();
    for (const f of chosen) form.append(f, files[f] as File, `${f}.csv`);
    setSending(true);
    try {
      const response = await fetch(startImport.path, {
        method: startImport.method,
        headers: { authorization: `Bearer ${session.token}` },
        body: form,
      });
      if (response.status !== startImport.status) {
        const problem = (await response.json().catch(() => ({}))) as { detail?: string };
        setError(
          response.status === 413
            ? 'Filene er for store til å sendes i én import.'
            : `Importen ble ikke startet (HTTP ${response.status})${problem.detail ? `: ${problem.detail}` : ''}.`,
        );
        return;
      }
      const { id } = (await response.json()) as { id: string };
      setJobId(id);
    } catch {
      setError('Plassoversikt svarer ikke. Prøv igjen om litt.');
    } finally {
      setSending(false);
    }
  };

  return (
    <>
      <PageTitle lead="Last opp historikk fra fagsystemet som CSV-filer: avdelinger, kapasitet, opphold og sperrede plasser. Rader som allerede finnes med samme verdier, står uendret.">
        Importer historikk
      </PageTitle>
      <form onSubmit={(e) => void submit(e)} className="import-form">
        {IMPORT_FILES.map((f) => (
          <p key={f}>
            <label htmlFor={`import-${f}`}>{FILE_LABELS[f]}</label>
            <br />
            <input
              id={`import-${f}`}
              type="file"
              accept=".csv,text/csv"
              onChange={(e) => setFiles((current) => ({ ...current, [f]: e.target.files?.[0] }))}
            />
            <br />
            <small>
              Kolonner: <code>{IMPORT_COLUMNS[f].join(',')}</code>
            </small>
          </p>
        ))}
        <PktButton type="submit" disabled={sending}>
          {sending ? 'Sender …' : 'Importer'}
        </PktButton>
      </form>
      {error ? (
        <p className="warning-text" role="alert">
          {error}
        </p>
      ) : null}
      {job ? <JobView job={job} /> : jobId ? <p aria-live="polite">Importen er startet …</p> : null}
    </>
  );
}
