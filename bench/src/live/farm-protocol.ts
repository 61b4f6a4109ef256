/** Messages between the bench and a client farm (a child process holding many socket.io clients). */
import type { SubscribeRequest } from '@plass/contracts';

export type FarmCommand =
  | {
      id: number;
      type: 'connect';
      url: string;
      token: string;
      count: number;
      /** Client i subscribes to every request of scopeSets[i % scopeSets.length]. */
      scopeSets: SubscribeRequest[][];
      concurrency: number;
      timeoutMs: number;
    }
  /** Forget earlier receipts of `key`; record each client's first `capacity:changed` of it from now on. */
  | { id: number; type: 'arm'; key: string }
  /** Wait (bounded) until every client received the armed key, then answer with the receipt times. */
  | { id: number; type: 'collect'; timeoutMs: number }
  | { id: number; type: 'stats' }
  | { id: number; type: 'close' };

export interface FarmStats {
  clients: number;
  connected: number;
  received: number;
  cpuUserMs: number;
  cpuSystemMs: number;
  rssMiB: number;
}

export type FarmReply =
  | {
      id: number;
      type: 'connected';
      connected: number;
      failed: number;
      ms: number;
      firstError: string | null;
    }
  | { id: number; type: 'armed' }
  | { id: number; type: 'collected'; times: number[]; missing: number }
  | { id: number; type: 'stats'; stats: FarmStats }
  | { id: number; type: 'closed' }
  | { id: number; type: 'error'; message: string }
  | { id: -1; type: 'progress'; connected: number; failed: number };
