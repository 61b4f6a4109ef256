/**
 * Redis snapshot of every scope for fast reads. A cache only: every write is best effort, a newer
 * version is never overwritten by an older one, and reads fall back to PostgreSQL when Redis is down.
 */
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { CapacityChangedData } from '@plass/contracts';
import type { Logger } from 'pino';
import { createClient } from 'redis';
import { CAPACITY_CONFIG, type CapacityConfig } from '../config';
import { LOGGER } from '../logger';

// Keeps the newest version of each scope: ARGV = field, version, payload, field, version, payload, …
// One script call per batch, not one per scope: a drain's batch changes thousands of scopes.
const SET_IF_NEWER = `
local written = 0
for i = 1, #ARGV, 3 do
  local v = redis.call('HGET', KEYS[2], ARGV[i])
  if not v or tonumber(v) < tonumber(ARGV[i + 1]) then
    redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1])
    redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 2])
    written = written + 1
  end
end
return written`;

/** Scopes per script call, so that one call never holds Redis for long. */
const SCOPES_PER_CALL = 1000;

@Injectable()
export class SnapshotCache implements OnModuleInit, OnApplicationShutdown {
  private readonly client;
  private readonly dataKey: string;
  private readonly versionKey: string;

  constructor(
    @Inject(CAPACITY_CONFIG) config: CapacityConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.client = createClient({
      url: config.redisUrl,
      disableOfflineQueue: true,
      socket: { connectTimeout: 2000, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5000) },
    });
    this.client.on('error', (error: Error) => this.logger.debug({ err: error.message }, 'redis unavailable'));
    this.dataKey = `${config.redisKeyPrefix}capacity:scopes`;
    this.versionKey = `${config.redisKeyPrefix}capacity:versions`;
  }

  onModuleInit(): void {
    // Not awaited: the service runs without Redis and the client reconnects on its own.
    this.client
      .connect()
      .catch((error: Error) =>
        this.logger.warn({ err: error.message }, 'redis not reachable; reading from PostgreSQL'),
      );
  }

  onApplicationShutdown(): void {
    if (this.client.isOpen) this.client.destroy();
  }

  get isReady(): boolean {
    return this.client.isReady;
  }

  async put(snapshots: CapacityChangedData[]): Promise<void> {
    if (!this.client.isReady || snapshots.length === 0) return;
    try {
      for (let i = 0; i < snapshots.length; i += SCOPES_PER_CALL) {
        await this.client.eval(SET_IF_NEWER, {
          keys: [this.dataKey, this.versionKey],
          arguments: snapshots
            .slice(i, i + SCOPES_PER_CALL)
            .flatMap((s) => [s.key, String(s.version), JSON.stringify(s)]),
        });
      }
    } catch (error) {
      this.logger.warn(
        { err: (error as Error).message },
        'redis snapshot write failed; PostgreSQL stays the truth',
      );
    }
  }

  /** The cached snapshot, or null when absent or Redis is unavailable. */
  async get(key: string): Promise<CapacityChangedData | null> {
    if (!this.client.isReady) return null;
    try {
      const value = await this.client.hGet(this.dataKey, key);
      return value ? (JSON.parse(value) as CapacityChangedData) : null;
    } catch {
      return null;
    }
  }

  async clear(): Promise<void> {
    if (this.client.isReady) await this.client.del([this.dataKey, this.versionKey]);
  }
}
