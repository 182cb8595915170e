import Redis from "ioredis";
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";

export interface BucketOptions {
  /** A name for the bucket family; keys are `${prefix}:${name}:${key}`. */
  name: string;
  /** Tokens a key may take within `durationSeconds`. */
  points: number;
  durationSeconds: number;
}

/**
 * Where rate-limit buckets live (rate-limiter-flexible): in Redis when REDIS_URL is set,
 * so every server process shares them; otherwise in this process's memory (SQLite runs
 * one process anyway). Taking a token is atomic in both.
 */
export class LimiterStore {
  private readonly limiters: RateLimiterAbstract[] = [];

  private constructor(
    private readonly redis: Redis | null,
    readonly prefix: string,
  ) {}

  static create(redisUrl: string | undefined, prefix = "tb"): LimiterStore {
    const redis = redisUrl ? new Redis(redisUrl, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false }) : null;
    // An unreachable Redis must not crash the server: the limiter answers from its memory fallback meanwhile.
    redis?.on("error", () => undefined);
    return new LimiterStore(redis, prefix);
  }

  get shared(): boolean {
    return this.redis !== null;
  }

  /** The Redis connection, for other shared state (the revoked-key cache); null without REDIS_URL. */
  get client(): Redis | null {
    return this.redis;
  }

  bucket(options: BucketOptions): RateLimiterAbstract {
    const common = { keyPrefix: `${this.prefix}:${options.name}`, points: options.points, duration: options.durationSeconds };
    const limiter = this.redis
      ? new RateLimiterRedis({ ...common, storeClient: this.redis, insuranceLimiter: new RateLimiterMemory(common) })
      : new RateLimiterMemory(common);
    this.limiters.push(limiter);
    return limiter;
  }

  async close(): Promise<void> {
    if (this.redis) await this.redis.quit().catch(() => this.redis?.disconnect());
  }
}

/** Takes `points` tokens; resolves with the seconds to wait when there were not enough. */
export async function take(limiter: RateLimiterAbstract, key: string, points = 1): Promise<number | null> {
  try {
    await limiter.consume(key, points);
    return null;
  } catch (result) {
    if (result instanceof RateLimiterRes) return Math.max(1, Math.ceil(result.msBeforeNext / 1000));
    throw result;
  }
}
