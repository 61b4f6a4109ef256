/** Injects the validated `AuditConfig`. */
export const AUDIT_CONFIG = Symbol('AUDIT_CONFIG');
