/**
 * Why a high or critical advisory that `npm audit` reports does not put Plassoversikt at risk, or what
 * fixes it. `npm run test:security` fails on a high or critical advisory that is not listed here.
 */
export interface AuditExplanation {
  /** The vulnerable package, as npm audit names it. */
  package: string;
  /** The advisory (GHSA id or its URL); omit to cover every advisory of the package. */
  advisory?: string;
  why: string;
}

// None so far: no high or critical advisory has been reported for this tree (see docs/reliability.md).
export const AUDIT_EXPLANATIONS: AuditExplanation[] = [];
