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

// Keeps the newest version: ARGV = field, version, payload.
const SET_IF_NEWER = `
local v = redis.call('HGET', KEYS[2], ARGV[1])
if v and tonumber(v) >= tonumber(ARGV[2]) then return 0 end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
return 1`;

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
      await Promise.all(
        snapshots.map((s) =>
          this.client.eval(SET_IF_NEWER, {
            keys: [this.dataKey, this.versionKey],
            arguments: [s.key, String(s.version), JSON.stringify(s)],
          }),
        ),
      );
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
