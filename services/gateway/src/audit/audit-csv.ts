/**
 * The merged audit trail as CSV, written like the capacity service's reports (ADR 0051): `;`, BOM, CRLF,
 * and a cell that starts like a formula is prefixed with `'` so a spreadsheet shows it as text.
 */
import type { AuditLogEntry, AuditOutcome } from '@plass/contracts';

const BOM = '\uFEFF';

export const AUDIT_CSV_HEADER = [
  'tidspunkt',
  'tjeneste',
  'aktør',
  'rolle',
  'handling',
  'mål',
  'utfall',
  'status',
  'korrelasjons-id',
];

const OUTCOME: Record<AuditOutcome, string> = {
  success: 'utført',
  refused: 'avvist',
  failed: 'feilet',
};

export function textCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function auditCsv(entries: readonly AuditLogEntry[]): string {
  const lines = entries.map((e) =>
    [
      e.at,
      e.service,
      e.actor ?? 'anonym',
      e.role ?? '',
      e.action,
      e.target ?? '',
      OUTCOME[e.outcome],
      String(e.status),
      e.correlationId ?? '',
    ]
      .map(textCell)
      .join(';'),
  );
  return `${BOM}${[AUDIT_CSV_HEADER.join(';'), ...lines].join('\r\n')}\r\n`;
}

/** `revisjonslogg-2026-12-04T19-30-00Z.csv`: when it was taken out. */
export function auditCsvFilename(now: Date = new Date()): string {
  return `revisjonslogg-${now.toISOString().slice(0, 19).replace(/:/g, '-')}Z.csv`;
}
