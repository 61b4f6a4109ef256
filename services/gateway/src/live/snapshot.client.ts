/** Reads a scope's current state from the capacity service, with the caller's own token. */
import { Inject, Injectable } from '@nestjs/common';
import type { CapacityChangedData, Scope } from '@plass/contracts';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';

/** The capacity service refused the caller's token for the scope (401 or 403). */
export class SnapshotRefused extends Error {
  constructor(readonly status: number) {
    super(`capacity-service refused the token (${status})`);
  }
}

@Injectable()
export class SnapshotClient {
  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  /** The scope's state; null when no capacity is known for it; throws `SnapshotRefused` on 401/403. */
  async fetch(
    scope: Scope,
    id: string | undefined,
    token: string | undefined,
  ): Promise<CapacityChangedData | null> {
    const url = new URL('/api/capacity/snapshot', this.config.capacityUrl);
    url.searchParams.set('scope', scope);
    if (id) url.searchParams.set('id', id);
    const response = await fetch(url, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      signal: AbortSignal.timeout(5000),
    });
    if (response.status === 404) return null;
    if (response.status === 401 || response.status === 403) throw new SnapshotRefused(response.status);
    if (!response.ok) throw new Error(`capacity-service answered ${response.status}`);
    return (await response.json()) as CapacityChangedData;
  }
}
