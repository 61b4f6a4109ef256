/**
 * The audit trail's REST contract (issue 16, ARCHITECTURE.md §6 «Audit», ADR 0199–0202): who changed what,
 * when, and whether it went through. Each backend service keeps its own append-only `audit_entry` table and
 * answers `GET /api/audit` (SERVICE_AUDIT_PATH) to the gateway only; the gateway's `listAuditEntries`
 * merges the four and is the one route of the contract. An entry never holds a request body: no resident
 * data, only the staff member's token subject and roles.
 */
import { z } from 'zod';
import { INSTANT_FORMAT, INSTANT_PATTERN, REPORT_FORMATS } from './capacity';
import { plainText } from '../free-text';
import { BEARER_TOKEN_PROBLEMS, UNCODED } from './problem';
import { named, route } from './route';

const AUDIT_TAG = 'audit';

/** `success` 2xx/3xx; `refused` 4xx (token, role, validation, a rule of the domain); `failed` 5xx or no answer. */
export const AUDIT_OUTCOMES = ['success', 'refused', 'failed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** The services that keep an audit trail, as the merged log names them. */
export const AUDITED_SERVICES = [
  'institution-service',
  'housing-service',
  'capacity-service',
  'intake-service',
] as const;
export type AuditedService = (typeof AUDITED_SERVICES)[number];

/** Where each audited service answers its own entries; the gateway does not pass this path on. */
export const SERVICE_AUDIT_PATH = '/api/audit';

/** At most this many entries in one answer (the newest first). */
export const MAX_AUDIT_LIMIT = 5000;

const instant = (description: string) =>
  z
    .string()
    .regex(INSTANT_PATTERN, { error: `must be ${INSTANT_FORMAT}` })
    .optional()
    .meta({ description, example: '2026-01-01' });

/** The filters of a service's audit trail. */
export const AuditQuery = z.strictObject({
  from: instant('Entries at or after: a date (midnight in Oslo) or a date and time with zone'),
  to: instant('Entries before (exclusive), as from'),
  actor: plainText(200).optional().meta({ description: "The actor's token subject, exactly" }),
  target: plainText(200)
    .optional()
    .meta({ description: 'Part of the target, e.g. a unit id or `unit:<id>`', example: 'unit:' }),
  limit: z.coerce
    .number<number | string>()
    .int()
    .min(1)
    .max(MAX_AUDIT_LIMIT)
    .default(500)
    .meta({ description: 'At most this many entries, the newest first' }),
});
export type AuditQuery = z.output<typeof AuditQuery>;

/** The merged trail's filters: a service's, and the representation. */
export const AuditLogQuery = AuditQuery.extend({
  format: z.enum(REPORT_FORMATS).default('json').meta({
    description:
      'csv: one row per entry, semicolon-separated, UTF-8 with BOM (opens as is in Excel with Norwegian settings)',
  }),
});
export type AuditLogQuery = z.output<typeof AuditLogQuery>;

const auditEntryFields = {
  id: z.uuid(),
  at: z.iso.datetime().describe('When the answer was sent (UTC)'),
  actor: z.string().nullable().describe('The token subject; null when the request carried no valid token'),
  role: z.string().nullable().describe("The token's roles, comma-separated; null without a valid token"),
  action: z.string().describe('Method and route pattern, e.g. `POST /api/units/:unitId/admissions`'),
  target: z
    .string()
    .nullable()
    .describe('The ids in the route, e.g. `unit:<uuid>` (several separated by a space); never a body'),
  outcome: z.enum(AUDIT_OUTCOMES),
  status: z.number().int().describe('The HTTP status of the answer (0: the connection closed before one)'),
  correlationId: z.string().nullable().describe('The x-correlation-id of the request'),
};

export const AuditEntry = named('AuditEntry', z.object(auditEntryFields));
export type AuditEntry = z.infer<typeof AuditEntry>;

/** A service's answer to `GET /api/audit`, the newest first. */
export const AuditEntries = z.array(AuditEntry);

export const AuditLogEntry = named(
  'AuditLogEntry',
  z.object({ ...auditEntryFields, service: z.enum(AUDITED_SERVICES) }),
);
export type AuditLogEntry = z.infer<typeof AuditLogEntry>;

export const listAuditEntries = route({
  id: 'listAuditEntries',
  method: 'GET',
  path: '/api/audit',
  summary:
    'The audit trail of every write to the institution, housing, capacity and intake services, refusals ' +
    'included, merged and the newest first (admin only; format=csv: a download with one row per entry)',
  tag: AUDIT_TAG,
  query: AuditLogQuery,
  status: 200,
  response: z.array(AuditLogEntry),
  problems: {
    400: [UNCODED, 'INVALID_QUERY'],
    401: BEARER_TOKEN_PROBLEMS,
    403: [UNCODED],
    502: ['UPSTREAM_UNAVAILABLE'],
  },
});
