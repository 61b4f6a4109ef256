/**
 * What a consumer does with a failure: a deterministic one belongs to the message (it fails the same way
 * every time, so the message goes to its dead-letter topic and the rest goes on); a transient one belongs
 * to the moment (database or broker down, a timeout: retry with backoff, never dead-letter, never commit).
 * The lists are ADR 0105's.
 */
import { ContractViolation } from '@plass/contracts';

/** A handler throws this when a message's data can never be applied (the message is dead-lettered). */
export class RefusedMessage extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'RefusedMessage';
  }
}

export interface Failure {
  kind: 'deterministic' | 'transient';
  /** Readable, without the statement's parameters (they hold the message's data). */
  reason: string;
  /** PostgreSQL's SQLSTATE when the database answered. */
  code?: string;
}

/**
 * SQLSTATE classes that concern the data of the statement, not the state of the server: 22 data exception
 * (22021 invalid byte sequence, 22P05 untranslatable character, 22001 string too long, 22003 numeric
 * value out of range, 22008 datetime field overflow, 22P02 invalid text representation …) and 23 integrity
 * constraint violation (23502 not null, 23503 foreign key, 23505 unique, 23514 check). Every other class is
 * transient here: 08 connection, 40 serialization failure and deadlock, 53 insufficient resources,
 * 57 operator intervention (57P01 admin shutdown, 57014 statement timeout), 58 system error, and 42
 * (a missing table or column is a deployment's bug: dead-lettering would throw every message away).
 */
const DETERMINISTIC_SQLSTATE_CLASSES = new Set(['22', '23']);

function sqlState(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const own = (error as { code?: unknown }).code;
  const driver = (error as { driverError?: { code?: unknown } }).driverError?.code;
  const code = typeof own === 'string' ? own : typeof driver === 'string' ? driver : undefined;
  return code !== undefined && /^([0-5][0-9A-Z]|F0|HV|P0|XX)[0-9A-Z]{3}$/.test(code) ? code : undefined;
}

export function classifyFailure(error: unknown): Failure {
  if (error instanceof ContractViolation) return { kind: 'deterministic', reason: error.reason };
  if (error instanceof RefusedMessage) return { kind: 'deterministic', reason: error.reason };
  const message = error instanceof Error ? error.message : String(error);
  const code = sqlState(error);
  if (code !== undefined) {
    const kind = DETERMINISTIC_SQLSTATE_CLASSES.has(code.slice(0, 2)) ? 'deterministic' : 'transient';
    return { kind, reason: `PostgreSQL ${code}: ${message}`, code };
  }
  return { kind: 'transient', reason: message };
}
