/**
 * The audit trails of the four services, fetched with the caller's own token (each service checks the
 * admin role again) and merged by time, the newest first. A trail that does not answer makes the whole
 * answer a 502: an audit log with a service silently missing would look complete and not be (ADR 0202).
 */
import { Inject, Injectable } from '@nestjs/common';
import {
  AuditEntries,
  SERVICE_AUDIT_PATH,
  type AuditedService,
  type AuditLogEntry,
  type AuditLogQuery,
} from '@plass/contracts';
import { CORRELATION_ID_HEADER, problem } from '@plass/observability';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';

/** How long the gateway waits for one service's trail. */
export const AUDIT_SOURCE_TIMEOUT_MS = 10_000;

export interface AuditSource {
  service: AuditedService;
  url: string;
}

export function auditSources(config: GatewayConfig): AuditSource[] {
  return [
    { service: 'institution-service', url: config.institutionUrl },
    { service: 'housing-service', url: config.housingUrl },
    { service: 'capacity-service', url: config.capacityUrl },
    { service: 'intake-service', url: config.intakeUrl },
  ];
}

/** Newest first; equal times in a fixed order (service, then id), so the merge is the same every time. */
export function mergeTrails(trails: AuditLogEntry[][], limit: number): AuditLogEntry[] {
  return trails
    .flat()
    .sort(
      (a, b) =>
        Date.parse(b.at) - Date.parse(a.at) || a.service.localeCompare(b.service) || a.id.localeCompare(b.id),
    )
    .slice(0, limit);
}

@Injectable()
export class AuditSources {
  private readonly sources: AuditSource[];

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    this.sources = auditSources(config);
  }

  async merged(
    query: AuditLogQuery,
    authorization: string | undefined,
    correlationId: string,
  ): Promise<AuditLogEntry[]> {
    const params = new URLSearchParams({ limit: String(query.limit) });
    for (const name of ['from', 'to', 'actor', 'target'] as const) {
      const value = query[name];
      if (value !== undefined) params.set(name, value);
    }
    const headers: Record<string, string> = { [CORRELATION_ID_HEADER]: correlationId };
    if (authorization) headers.authorization = authorization;
    const trails = await Promise.all(this.sources.map((source) => this.trailOf(source, params, headers)));
    return mergeTrails(trails, query.limit);
  }

  private async trailOf(
    source: AuditSource,
    params: URLSearchParams,
    headers: Record<string, string>,
  ): Promise<AuditLogEntry[]> {
    let status: number | string;
    try {
      const response = await fetch(`${source.url}${SERVICE_AUDIT_PATH}?${params.toString()}`, {
        headers,
        signal: AbortSignal.timeout(AUDIT_SOURCE_TIMEOUT_MS),
      });
      if (response.ok) {
        const entries = AuditEntries.parse(await response.json());
        return entries.map((entry) => ({ ...entry, service: source.service }));
      }
      status = response.status;
    } catch (error) {
      status =
        (error as Error).name === 'ZodError' ? 'an answer outside the contract' : (error as Error).message;
    }
    throw problem(
      502,
      'Bad Gateway',
      `${source.service} did not give its audit trail (${status}); the merged trail would be incomplete`,
      { code: 'UPSTREAM_UNAVAILABLE' },
    );
  }
}
