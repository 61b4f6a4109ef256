/** Reads a scope's current state from the capacity service, with the caller's own token. */
import { Inject, Injectable } from '@nestjs/common';
import {
  ContractProblem,
  contractClient,
  getCapacitySnapshot,
  type CapacitySnapshot,
  type ContractClient,
  type Scope,
} from '@plass/contracts';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';

/** The capacity service refused the caller's token for the scope (401 or 403). */
export class SnapshotRefused extends Error {
  constructor(readonly status: number) {
    super(`capacity-service refused the token (${status})`);
  }
}

@Injectable()
export class SnapshotClient {
  private readonly capacity: ContractClient;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    this.capacity = contractClient({ baseUrl: new URL(config.capacityUrl).origin });
  }

  /**
   * The scope's state, parsed by the contract; null when no capacity is known for it; throws
   * `SnapshotRefused` on 401/403.
   */
  async fetch(
    scope: Scope,
    id: string | undefined,
    token: string | undefined,
  ): Promise<CapacitySnapshot | null> {
    try {
      return await this.capacity.call(
        getCapacitySnapshot,
        { query: { scope, ...(id ? { id } : {}) } },
        { headers: token ? { authorization: `Bearer ${token}` } : {}, signal: AbortSignal.timeout(5000) },
      );
    } catch (error) {
      if (!(error instanceof ContractProblem)) throw error;
      if (error.status === 404) return null;
      if (error.status === 401 || error.status === 403) throw new SnapshotRefused(error.status);
      throw error;
    }
  }
}
