/** The "Security tests" section of docs/reliability.md, and its place between the section's markers. */
import type { AuditResult } from './audit';
import { SEVERITIES } from './audit';
import type { JestSummary } from './jest-results';

export const SECTION_START = '<!-- security:start -->';
export const SECTION_END = '<!-- security:end -->';

/** What each group of tests tries, in the words of the issue. */
const AREA_DESCRIPTIONS: Record<string, string> = {
  'tokens on REST':
    'Tokens on REST: none, expired, another key, `alg: none`, HS512, another audience, another issuer, a role nobody issues, no `exp`, `exp` in year 9999, a lifetime over the 12 h maximum, `nbf` tomorrow, district staff without a district, not a JWT, malformed headers → 401 with the reason and `WWW-Authenticate: Bearer` (`error="invalid_token"` when a token was sent) at every service; nothing registered',
  'tokens on the socket handshake':
    'The same tokens on the `/live` handshake (auth and `Authorization` header) → `connect_error` "unauthorized: …" with the code; a valid socket answers 40 fuzzed `subscribe` payloads and stays connected',
  'roles a token does not grant':
    'Roles: registry writes by non-admins, occupancy writes by district staff and intake, housing writes and reservations by institution staff → 403',
  'scopes a token does not grant':
    "Scopes: institution staff on another institution's unit (admission, discharge, block, lift, capacity, census), district staff on another district's dwelling, registration and housing need, reserving for and releasing another district → 403; the state unchanged and no event in Kafka (the next permitted write is the very next sequence)",
  'security headers':
    'Security headers on the dashboard, gateway routes, 404s, proxied answers and refusals; X-Powered-By of the services removed; inline styles allowed on the OpenAPI pages only',
  'write rate limits':
    'Write limits: a subject over its limit → 429 with Retry-After, from any address, reads still 200; forged tokens spend only their own address’s allowance; one address over its limit however many subjects sign',
  bodies:
    'Every write route of the three services and the gateway (13): 30 fast-check bodies each (not objects, unknown and prototype keys, wrong types, huge numbers, injection strings, missing fields, broken JSON, other content types, form encoding, nesting up to 5000) → 4xx problem details; injection strings in free text stored as plain data',
  'path parameters':
    'Hostile path parameters on 12 routes (20 each) and the issue’s examples → 4xx problem details',
  'query strings':
    'Hostile query strings on 10 read routes (20 each) → 200 or 4xx problem details, never 5xx',
  'size and depth':
    '1 MB bodies → 413 at the gateway; chunked 1 MB → 413 at the service; 80 KB straight to each service → 413; nesting 12 000 deep and 5000 fields → 4xx in under 5 s',
  afterwards: 'Afterwards: every service ready, and no refused request changed anything',
  'free text (ADR 0110)':
    'Free text: NUL and other control characters, lone surrogates, over-long text and national identity numbers (fødselsnummer, D- and H-nummer) in every free-text field and query id → 400 problem details, never 500; nothing stored',
};

/** The hardening the tests run against (ADR 0080). */
const HARDENING = `- Gateway (\`services/gateway/src/security\`), on every response including proxied ones: \`Content-Security-Policy\`
  (\`default-src 'self'\`, scripts, styles, fonts and connections to the gateway itself, WebSocket to the same host,
  \`img-src 'self' data:\`, \`object-src 'none'\`, \`frame-ancestors 'none'\`; inline styles only under
  \`/api/*/docs\`), \`X-Frame-Options: DENY\`, \`X-Content-Type-Options: nosniff\`, \`Referrer-Policy: no-referrer\`,
  \`Strict-Transport-Security\`, \`Cross-Origin-Opener-Policy\` and \`-Resource-Policy: same-origin\`; no \`X-Powered-By\`.
- Writes (POST, PUT, PATCH, DELETE on \`/api/*\`) limited per verified token subject
  (\`RATE_LIMIT_WRITES_PER_MINUTE\`, default 3000) and per client address (\`RATE_LIMIT_WRITES_PER_MINUTE_PER_IP\`,
  default 6000): 429 problem details with \`Retry-After\`. \`GATEWAY_TRUST_PROXY_HOPS\` (default 0) says how many
  proxies in front may set \`X-Forwarded-For\`.
- Bodies: \`GATEWAY_MAX_BODY_BYTES\` (default 65536) at the gateway by Content-Length, and a 64 KB parser limit in
  every service for chunked bodies; 413 problem details. The services refuse bodies nested more than 32 levels
  and keys such as \`__proto__\`, \`constructor\` and \`prototype\` with 400.
- Kafka (ADR 0100): SASL/SCRAM-SHA-512 on the client port and SASL PLAIN on the controller port, no
  unauthenticated listener; the KRaft \`StandardAuthorizer\` with one principal per service and ACLs that let each
  write only its own topics (and the dead-letter topics of what it reads); \`ops\` for the tools.
- Sockets (ADR 0115, 0116): a socket ends at its token's \`exp\` unless it sent \`reauthenticate\` with a token of
  the same subject; a failed \`subscribe\` joins nothing; only the gateway's own origin (and
  \`GATEWAY_ALLOWED_ORIGINS\`) may open one. The gateway's \`/metrics\` is on an internal port (ADR 0117).
- Tokens (ADR 0121): at most \`AUTH_MAX_TOKEN_LIFETIME_S\` (12 h) between \`iat\` and \`exp\`; every 401 carries
  \`WWW-Authenticate: Bearer\`. \`If-Match\` compares strongly: a weak ETag is 412 (ADR 0122).
- Idempotency (ADR 0120): a key is bound to subject, route and the body's SHA-256; another body is 422; a repeat is
  answered only after the same authorization as the first request (tested in the services' integration tests).`;

function seconds(ms: number): string {
  return ms < 60_000
    ? `${(ms / 1000).toFixed(1)} s`
    : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function auditLines(audits: AuditResult[], installed: Record<string, string>): string[] {
  const lines: string[] = [];
  const ran = audits.filter((a) => a.ran);
  if (ran.length > 0) {
    lines.push(
      `| command | ${SEVERITIES.join(' | ')} | packages |`,
      `| --- | ${SEVERITIES.map(() => '---:').join(' | ')} | ---: |`,
    );
    for (const audit of ran) {
      lines.push(
        `| \`${audit.scope}\` | ${SEVERITIES.map((s) => audit.counts[s]).join(' | ')} | ${audit.dependencies ?? '–'} |`,
      );
    }
    const serious = ran.flatMap((a) => a.serious);
    lines.push('');
    if (serious.length === 0) lines.push('No high or critical advisory.');
    for (const advisory of serious) {
      lines.push(
        `- **${advisory.severity}** \`${advisory.package}\`: ${cell(advisory.title)} (${advisory.url}) — ${
          advisory.explanation ??
          '**not explained**: add the reason to `security/src/report/audit-explanations.ts` or upgrade'
        }`,
      );
    }
  }
  const failed = audits.filter((a) => !a.ran);
  for (const reason of new Set(failed.map((a) => a.reason))) {
    const commands = failed.filter((a) => a.reason === reason).map((a) => `\`${a.scope}\``);
    lines.push(
      '',
      `**${commands.join(' and ')} could not run**: the registry answered ${cell(reason)}. This report has no ` +
        'advisory data and claims none; `npm run test:security` on a machine whose registry answers audits fills ' +
        'this in, and fails on any high or critical advisory that `security/src/report/audit-explanations.ts` ' +
        'does not explain.',
    );
  }
  if (audits.some((a) => !a.ran)) {
    lines.push(
      '',
      'Installed versions on the request path, for checking advisories by hand: ' +
        Object.entries(installed)
          .map(([name, version]) => `${name} ${version}`)
          .join(', ') +
        '.',
    );
  }
  return lines;
}

export interface SectionInput {
  finishedAt: Date;
  commit: string;
  durationMs: number;
  jest: JestSummary;
  audits: AuditResult[];
  installed: Record<string, string>;
}

export function renderSection(input: SectionInput): string {
  const { jest } = input;
  const when = input.finishedAt.toISOString().slice(0, 16).replace('T', ' ');
  const lines = [
    `Written by \`npm run test:security\` on ${when} UTC at commit \`${input.commit}\`; the run took ${seconds(input.durationMs)}.`,
    '',
    `**${jest.passed} passed, ${jest.failed} failed**${jest.skipped ? `, ${jest.skipped} skipped` : ''} in ${jest.files} test files. ` +
      'The event validators and the services’ body guard are tested alone; everything else against two real stacks ' +
      '(gateway and the three services as processes, with their own databases and Kafka topics), through the gateway.',
    '',
    '| what was tried | passed | failed | time |',
    '| --- | ---: | ---: | ---: |',
    ...jest.rows.map(
      (row) =>
        `| ${cell(AREA_DESCRIPTIONS[row.area] ?? row.area)} | ${row.passed} | ${row.failed} | ${seconds(row.durationMs)} |`,
    ),
  ];
  if (jest.failures.length > 0) {
    lines.push('', 'Failed:', '', ...jest.failures.map((name) => `- ${cell(name)}`));
  }
  lines.push(
    '',
    '### Hardening under test',
    '',
    HARDENING,
    '',
    '### npm audit',
    '',
    ...auditLines(input.audits, input.installed),
  );
  return lines.join('\n').replace(/\n{3,}/g, '\n\n');
}

/** `document` with the text between the security markers replaced; throws when the markers are missing. */
export function replaceSection(document: string, section: string): string {
  const start = document.indexOf(SECTION_START);
  const end = document.indexOf(SECTION_END);
  if (start < 0 || end < start) {
    throw new Error(`docs/reliability.md has no ${SECTION_START} … ${SECTION_END} section to write`);
  }
  return `${document.slice(0, start + SECTION_START.length)}\n${section.trim()}\n${document.slice(end)}`;
}
