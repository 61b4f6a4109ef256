/**
 * REST types shared by services, the gateway and the dashboard (ARCHITECTURE.md §4). The institution
 * service's payloads are zod schemas in ./rest/institution.ts (docs/decisions/0150).
 */
export type { ProblemDetails } from './rest/problem';
