/**
 * `GET /api/audit` of one service, for the gateway's merged trail (admin only). Not part of the public
 * contract and not in the service's OpenAPI document: the gateway answers `/api/audit` itself
 * (`listAuditEntries`) and never passes the path on.
 */
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Roles } from '@plass/auth';
import { AuditQuery, INSTANT_FORMAT, SERVICE_AUDIT_PATH, type AuditEntry } from '@plass/contracts';
import { zonedDayStart } from '@plass/domain';
import { dtoOf, problem } from '@plass/observability';
import type { ZodDto } from 'nestjs-zod';
import { AuditRepository } from './audit.repository';

class AuditQueryDto extends (dtoOf(AuditQuery, 'AuditQuery') as ZodDto<typeof AuditQuery>) {}

/** A date is midnight in Oslo; a date and time carries its zone. */
export function instantOf(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  let instant = Number.NaN;
  try {
    instant = value.length === 10 ? zonedDayStart(value) : Date.parse(value);
  } catch {
    // reported below
  }
  if (Number.isNaN(instant)) {
    throw problem(400, 'Invalid query', `${name} must be ${INSTANT_FORMAT}`, { code: 'INVALID_QUERY' });
  }
  return instant;
}

@ApiExcludeController()
@Controller()
export class AuditController {
  constructor(@Inject(AuditRepository) private readonly entries: AuditRepository) {}

  @Get(SERVICE_AUDIT_PATH)
  @Roles('admin')
  list(@Query() query: AuditQueryDto): Promise<AuditEntry[]> {
    const parsed: AuditQuery = query;
    return this.entries.list({
      from: instantOf(parsed.from, 'from'),
      to: instantOf(parsed.to, 'to'),
      actor: parsed.actor,
      target: parsed.target,
      limit: parsed.limit,
    });
  }
}
