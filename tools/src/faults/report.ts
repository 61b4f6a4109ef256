/** The fault table: printed, written into docs/reliability.md's faults section, and as JSON beside it. */
import os from 'node:os';
import { formatTable } from '../capacity/drift';
import type { FaultRow } from './faults';

export const SECTION_START = '<!-- faults:start -->';
export const SECTION_END = '<!-- faults:end -->';
/** The section and JSON of `--replicas 2` (ADR 0209), beside the single-instance ones. */
export const REPLICAS_SECTION: Markers = ['<!-- faults-replicas:start -->', '<!-- faults-replicas:end -->'];

export type Markers = [start: string, end: string];

export interface RunMeta {
  startedAt: Date;
  durationMs: number;
  machine: string;
  /** What the checker's self-test missed (nothing, when the check can fail as it should). */
  selfTestMissed: string[];
  /** Gateways and capacity-service instances behind the proxies (`--replicas n`); absent for one. */
  replicas?: number;
}

function command(meta: RunMeta): string {
  return meta.replicas ? `npm run test:faults -- --replicas ${meta.replicas}` : 'npm run test:faults';
}

export function machineNote(): string {
  const cpus = os.cpus();
  const memory = Math.round(os.totalmem() / 1024 ** 3);
  // Timings depend on what else runs on the machine: the load average tells.
  const load = os.loadavg()[0].toFixed(1);
  return (
    `${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${memory} GiB, ${os.type()} ` +
    `${os.release()}, Node ${process.version}; load average ${load} at the end of the run`
  );
}

function seconds(ms: number | null): string {
  return ms === null ? '—' : `${(ms / 1000).toFixed(1)} s`;
}

const HEADER = [
  'fault',
  'writes acknowledged',
  'writes reflected',
  'drift',
  'recovery time',
  'uncertain (applied)',
  'result',
];

function cells(row: FaultRow): string[] {
  return [
    row.fault,
    String(row.acked),
    String(row.reflected),
    String(row.drift.length),
    seconds(row.recoveryMs),
    `${row.uncertain} (${row.uncertainApplied})`,
    row.passed ? 'pass' : 'FAIL',
  ];
}

/** The table as plain text, for the terminal. */
export function formatFaultTable(rows: FaultRow[]): string {
  return formatTable(HEADER, rows.map(cells));
}

function markdownTable(rows: FaultRow[]): string {
  const line = (c: string[]) => `| ${c.join(' | ')} |`;
  return [line(HEADER), line(HEADER.map(() => '---')), ...rows.map((r) => line(cells(r)))].join('\n');
}

/** The section's content (between the markers). */
export function markdownSection(rows: FaultRow[], meta: RunMeta): string {
  const passed = rows.every((r) => r.passed) && meta.selfTestMissed.length === 0;
  const when = meta.startedAt.toISOString().replace('T', ' ').slice(0, 16);
  const notes = rows
    .filter((r) => r.notes.length > 0 || r.problems.length > 0 || r.drift.length > 0)
    .map((r) => {
      const items = [
        ...r.notes,
        ...r.problems.map((p) => `**problem:** ${p}`),
        ...r.drift.slice(0, 5).map((d) => `**drift:** ${d}`),
      ];
      return `- ${r.fault}: ${items.join('; ')}.`;
    });
  return [
    `Last run: ${when} UTC, \`${command(meta)}\`, ${seconds(meta.durationMs)} in all, ` +
      `${passed ? 'every check passed' : '**a check failed**'}. Machine: ${meta.machine}.`,
    '',
    `Each fault runs against a whole stack (${
      meta.replicas
        ? `${meta.replicas} gateways and ${meta.replicas} capacity-service instances behind local proxies, ` +
          'ADR 0209; the kills hit one replica while the others keep serving through the proxy'
        : 'two gateways'
    }) on throwaway infrastructure the command starts ` +
      'itself — its own Kafka broker, PostgreSQL cluster and Redis — under a steady load of about four ' +
      'writes a second (admissions, discharges, blocks and their lifting, housing status changes) through ' +
      'the REST API, with socket.io clients subscribed to the city, categories and units, and beside it ' +
      'about one referral a second through felles inntak: offered a free place, then accepted and admitted ' +
      'from its reservation, declined, withdrawn or left to expire. Then the load stops (the referrals not ' +
      'placed are withdrawn), the system goes quiet (outboxes empty, consumer lag 0) and the invariant is ' +
      'checked: the read model equals the sources unit by unit and in every total, housing supply equals the ' +
      'housing source, every acknowledged write is in the read model exactly once (at the sequence its ' +
      'answer gave) with no sequence missing from any unit, and every client holds the read model’s numbers ' +
      'and version; and for the intake flow: no place is reserved without a live offer, no live offer is ' +
      'without its reservation, a placed referral’s reservation became its stay, every acknowledged referral ' +
      'and offer exists, and the capacity service counts as many waiting referrals as intake.',
    '',
    markdownTable(rows),
    '',
    '- *writes acknowledged*: writes during that fault that got a 2xx; *writes reflected*: of those, the ones ' +
      'found exactly once in the read model. *Uncertain*: writes that got a 5xx, a timeout or a cut ' +
      'connection; they may be applied or not, the source says which (in brackets), and the read model ' +
      'must agree with the source either way. *Drift*: differences between the read model (or a client, or ' +
      'a subscribe snapshot) and the sources after quiet. *Recovery time*: from the fault being healed ' +
      '(the killed process started again; broker, database or cache back up) until the read model held ' +
      'every write acknowledged until then; for the gateway kill, until every client of the killed instance had re-subscribed on ' +
      'the other; for injected messages, until the dead letters had arrived too. *Result*: FAIL when ' +
      'the invariant or a check of the fault itself fails (the unpublished rows published after the ' +
      'restart, reads answered during the Redis outage, live pushes during it, exactly the malformed ' +
      'messages on the dead-letter topics, every client recovered, no retry storm in the service logs).',
    ...notes,
    '',
    meta.selfTestMissed.length === 0
      ? 'The check is tested at the end of every run: with one unit’s count and one event of its history ' +
        'corrupted in the read model and one client’s city numbers changed, it reports all three.'
      : `**The check’s self-test failed**: it missed ${meta.selfTestMissed.join('; ')}.`,
    '',
    meta.replicas
      ? 'Per-fault details (every check, every note): [reliability-faults-replicas.json](reliability-faults-replicas.json).'
      : 'Per-fault details (every check, every note): [reliability-faults.json](reliability-faults.json).',
  ].join('\n');
}

/** The text as Prettier writes it with the repository's settings (CI checks `prettier --check .`). */
export async function prettierFormat(text: string, filepath: string): Promise<string> {
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(filepath)) ?? {};
  return prettier.format(text, { ...options, filepath });
}

/**
 * The document with the section replaced, formatted by Prettier in place: the section is formatted in
 * its context, then only it is put into the document, so the other sections stay exactly as they were.
 */
export async function rewriteSection(
  document: string,
  content: string,
  filepath: string,
  markers: Markers = [SECTION_START, SECTION_END],
): Promise<string> {
  const formatted = await prettierFormat(replaceSection(document, content, true, markers), filepath);
  const start = formatted.indexOf(markers[0]) + markers[0].length;
  return replaceSection(document, formatted.slice(start, formatted.indexOf(markers[1])), false, markers);
}

/** Replaces what lies between the markers, keeping everything else of the document as it is. */
export function replaceSection(
  document: string,
  content: string,
  trim = true,
  [open, close]: Markers = [SECTION_START, SECTION_END],
): string {
  const start = document.indexOf(open);
  const end = document.indexOf(close);
  if (start < 0 || end < start) {
    throw new Error(`the document has no ${open} … ${close} section`);
  }
  const body = trim ? `\n${content.trim()}\n\n` : content;
  return `${document.slice(0, start + open.length)}${body}${document.slice(end)}`;
}

export function jsonReport(rows: FaultRow[], meta: RunMeta): string {
  return `${JSON.stringify(
    {
      command: command(meta),
      replicas: meta.replicas ?? 1,
      startedAt: meta.startedAt.toISOString(),
      durationMs: meta.durationMs,
      machine: meta.machine,
      passed: rows.every((r) => r.passed) && meta.selfTestMissed.length === 0,
      checkerSelfTestMissed: meta.selfTestMissed,
      faults: rows.map((r) => ({
        key: r.key,
        fault: r.fault,
        passed: r.passed,
        writesAcknowledged: r.acked,
        writesReflected: r.reflected,
        uncertain: r.uncertain,
        uncertainApplied: r.uncertainApplied,
        rejected: r.rejected,
        drift: r.drift,
        recoveryMs: r.recoveryMs,
        quietMs: r.quietMs,
        durationMs: r.durationMs,
        notes: r.notes,
        problems: r.problems,
      })),
    },
    null,
    2,
  )}\n`;
}
