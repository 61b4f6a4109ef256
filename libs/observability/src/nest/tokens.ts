/** Injection tokens and metadata keys of the observability module. */

/** Injects the service's pino `Logger`. */
export const LOGGER = Symbol('LOGGER');

export const OBSERVABILITY_OPTIONS = Symbol('OBSERVABILITY_OPTIONS');

/**
 * Metadata keys that let a handler through the global auth guard without a token: @plass/auth's
 * `IS_PUBLIC_KEY` (a spec checks they agree; importing it would tie this leaf library to auth's
 * dependencies) and the plain `isPublic` other guards commonly read.
 */
export const PUBLIC_ROUTE_KEYS = ['plass:auth:public', 'isPublic'] as const;
