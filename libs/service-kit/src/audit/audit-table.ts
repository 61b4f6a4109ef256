/**
 * The `audit_entry` table every audited service creates with a migration of its own (its SQL inlined
 * there, ADR 0146): append-only, enforced by a trigger (ADR 0200). A row is never updated; it is deleted
 * only by the retention purge, which names the retention for its transaction in this setting, and then
 * only when it is older than that.
 */
export const AUDIT_RETENTION_SETTING = 'plass.audit_retention_days';
