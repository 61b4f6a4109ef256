/** Runs `npm audit` and sums up what it says, or says plainly that it could not run. */
import { spawnSync } from 'node:child_process';
import type { AuditExplanation } from './audit-explanations';

export const SEVERITIES = ['critical', 'high', 'moderate', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The part of `npm audit --json` (report version 2) the summary uses. */
interface AuditJson {
  vulnerabilities?: Record<
    string,
    {
      severity: Severity;
      via: (string | { title?: string; url?: string; severity?: Severity })[];
      fixAvailable?: unknown;
    }
  >;
  metadata?: {
    vulnerabilities?: Partial<Record<Severity | 'total', number>>;
    dependencies?: { total?: number };
  };
  message?: string;
  error?: { summary?: string };
}

export interface Advisory {
  package: string;
  severity: Severity;
  title: string;
  url: string;
  /** Why it does not matter here, or undefined when nobody has said. */
  explanation: string | undefined;
}

export type AuditResult =
  | {
      ran: true;
      scope: string;
      counts: Record<Severity, number>;
      dependencies: number | null;
      serious: Advisory[];
    }
  | { ran: false; scope: string; reason: string };

export function summarizeAudit(
  scope: string,
  json: AuditJson,
  explanations: AuditExplanation[],
): AuditResult {
  if (!json.metadata?.vulnerabilities) {
    const reason = json.message ?? json.error?.summary ?? 'npm audit gave no report';
    // The registry's address stays out of reports and notes: only what it answered.
    const firstLine = reason
      .split('\n')[0]
      .replace(/\s*-?\s*(GET|POST|PUT)?\s*https?:\/\/\S+/g, '')
      .trim();
    return { ran: false, scope, reason: firstLine };
  }
  const counts = Object.fromEntries(
    SEVERITIES.map((s) => [s, json.metadata?.vulnerabilities?.[s] ?? 0]),
  ) as Record<Severity, number>;
  const serious: Advisory[] = [];
  for (const [name, vulnerability] of Object.entries(json.vulnerabilities ?? {})) {
    for (const via of vulnerability.via) {
      // A string names the dependency the advisory comes through; the advisory itself is listed there.
      if (typeof via === 'string') continue;
      const severity = via.severity ?? vulnerability.severity;
      if (severity !== 'critical' && severity !== 'high') continue;
      const url = via.url ?? '';
      const explanation = explanations.find(
        (e) => e.package === name && (e.advisory === undefined || url.includes(e.advisory)),
      )?.why;
      serious.push({ package: name, severity, title: via.title ?? '(no title)', url, explanation });
    }
  }
  return { ran: true, scope, counts, dependencies: json.metadata.dependencies?.total ?? null, serious };
}

/** `npm audit --json` with `args`; never throws: a registry that cannot answer is a result too. */
export function runAudit(
  scope: string,
  args: string[],
  cwd: string,
  explanations: AuditExplanation[],
): AuditResult {
  const result = spawnSync('npm', ['audit', '--json', ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  if (result.error) return { ran: false, scope, reason: result.error.message };
  try {
    return summarizeAudit(scope, JSON.parse(result.stdout) as AuditJson, explanations);
  } catch {
    const stderr = result.stderr.split('\n').find((line) => /error/i.test(line)) ?? 'no JSON answer';
    return { ran: false, scope, reason: stderr.trim() };
  }
}
