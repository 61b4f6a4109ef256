/** Reads Jest's `--json` output into the rows of the report: what was checked, how many passed. */
import path from 'node:path';

/** The part of Jest's JSON result the report uses. */
export interface JestJson {
  success: boolean;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTotalTestSuites: number;
  numFailedTestSuites: number;
  testResults: {
    name: string;
    message: string;
    assertionResults: { ancestorTitles: string[]; title: string; status: string; duration?: number | null }[];
  }[];
}

export interface ResultRow {
  area: string;
  passed: number;
  failed: number;
  durationMs: number;
}

export interface JestSummary {
  success: boolean;
  passed: number;
  failed: number;
  skipped: number;
  files: number;
  rows: ResultRow[];
  /** Full names of failed tests, and files that failed without running a test. */
  failures: string[];
}

/** Unit test files reported as one row each. */
const FILE_AREAS: Record<string, string> = {
  'event-contracts.property.spec.ts':
    'Every event validator (fast-check: anything, round trips, extra fields, wrong types)',
  'strict-validation.pipe.spec.ts': 'Body shape guard of the services (depth, prototype keys)',
  'security.spec.ts': 'Gateway limits and body cap (unit)',
  'section.spec.ts': 'This report: grouping, audit summary, its own section only (unit)',
  'kafka-access.int-spec.ts':
    'Kafka (SASL/SCRAM-SHA-512 and ACLs): a client that does not authenticate gets no metadata and cannot produce; `gateway` and `housing-service` cannot write `institution.occupancy.v1`; the read model applies the real next event, not the forgery',
  'live-scopes.int-spec.ts':
    'Live sockets: pushes only to the subscribers of each scope id (every scope kind); a socket is told `token expired` and disconnected at its token’s `exp` unless it reauthenticated; a foreign `Origin` gets no CORS grant and no socket; `/metrics` only on the internal port',
};

/** The order of the report's rows: the stack tests as the issue lists them, then the unit tests. */
const AREA_ORDER = [
  'tokens on REST',
  'tokens on the socket handshake',
  'roles a token does not grant',
  'scopes a token does not grant',
  'bodies',
  'path parameters',
  'query strings',
  'size and depth',
  'afterwards',
  'security headers',
  'write rate limits',
  ...Object.values(FILE_AREAS),
];

function order(area: string): number {
  const index = AREA_ORDER.indexOf(area);
  return index < 0 ? AREA_ORDER.length : index;
}

export function summarizeJest(results: JestJson, root: string): JestSummary {
  const rows = new Map<string, ResultRow>();
  const failures: string[] = [];
  for (const file of results.testResults) {
    const base = path.basename(file.name);
    if (file.assertionResults.length === 0 && file.message) {
      failures.push(`${path.relative(root, file.name)}: ${file.message.split('\n')[0]}`);
    }
    for (const test of file.assertionResults) {
      const area = FILE_AREAS[base] ?? test.ancestorTitles[1] ?? test.ancestorTitles[0] ?? base;
      const row = rows.get(area) ?? { area, passed: 0, failed: 0, durationMs: 0 };
      if (test.status === 'passed') row.passed += 1;
      if (test.status === 'failed') {
        row.failed += 1;
        failures.push([...test.ancestorTitles, test.title].join(' › '));
      }
      row.durationMs += test.duration ?? 0;
      rows.set(area, row);
    }
  }
  return {
    success: results.success,
    passed: results.numPassedTests,
    failed: results.numFailedTests,
    skipped: results.numPendingTests,
    files: results.numTotalTestSuites,
    // Jest may run the files in any order; the report keeps one.
    rows: [...rows.values()].sort((a, b) => order(a.area) - order(b.area)),
    failures,
  };
}
