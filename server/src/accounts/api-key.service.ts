import { randomBytes } from "node:crypto";
import { API_KEY_SCOPES, type ApiKeyScope } from "@team-billing/shared";
import type Redis from "ioredis";
import { type EntityManager, IsNull } from "typeorm";
import type { Clock } from "../common/clock";
import { newId } from "../db/columns";
import type { Database } from "../db/database";
import { ApiKeyEntity, UserEntity } from "../entities";
import { badInput, conflict, notFound } from "../common/errors";
import type { LimiterStore } from "../limits/limiter-store";
import type { Actor, UserActor } from "../common/actor";
import type { AuditService } from "../common/audit.service";
import { actorWords, person, scopeWords } from "../common/audit-words";
import { byId } from "../common/paging";
import { sha256 } from "./auth.service";
import { cleanName, isId } from "../common/validate";

const SECRET_PREFIX = "tbk_";
/** lastUsedAt is written at most this often per key, to keep writes off the hot path. */
const LAST_USED_RESOLUTION_MS = 60_000;
/**
 * Keys are remembered in-process this long, so a request does not wait on the
 * database to learn who calls. Revoking evicts after its commit, in the revoking
 * process and (with REDIS_URL) in every other one at once; without Redis, other
 * processes stop accepting the key within this time.
 */
export const API_KEY_CACHE_MS = 5_000;
const REVOKED_CHANNEL = "api-key-revoked";

interface CachedKey {
  apiKey: Promise<ApiKeyEntity | null>;
  until: number;
}

/** Org API keys: the secret is shown once; only its SHA-256 is stored. */
export class ApiKeyService {
  /** Live keys by secret hash, a lookup in flight included: requests that arrive together wait on one read. */
  private readonly cache = new Map<string, CachedKey>();
  private readonly publisher: Redis | null;
  private readonly subscriber: Redis | null;
  private readonly channel: string;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    limits: LimiterStore,
  ) {
    this.channel = `${limits.prefix}:${REVOKED_CHANNEL}`;
    this.publisher = limits.client;
    this.subscriber = limits.client?.duplicate() ?? null;
    this.subscriber?.on("error", () => undefined);
    this.subscriber?.on("message", (_channel: string, secretHash: string) => this.cache.delete(secretHash));
    void this.subscriber?.subscribe(this.channel).catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }

  async create(
    actor: UserActor,
    orgId: string,
    name: string,
    scopes: ApiKeyScope[],
  ): Promise<{ apiKey: ApiKeyEntity & { createdByName: string }; secret: string }> {
    const keyName = cleanName("name", name);
    const uniqueScopes = [...new Set(scopes)];
    if (uniqueScopes.length === 0) throw badInput("scopes", "name at least one scope");
    if (uniqueScopes.some((s) => !API_KEY_SCOPES.includes(s))) throw badInput("scopes", "unknown scope");
    const secret = SECRET_PREFIX + randomBytes(32).toString("base64url");
    return this.db.transaction(async (em) => {
      const apiKey = em.create(ApiKeyEntity, {
        id: newId(),
        orgId,
        name: keyName,
        prefix: secret.slice(0, 12),
        secretHash: sha256(secret),
        scopes: uniqueScopes.sort(),
        createdByUserId: actor.user.id,
        createdAt: this.clock.now(),
        lastUsedAt: null,
        revokedAt: null,
      });
      await em.insert(ApiKeyEntity, apiKey);
      await this.audit.record(em, actor, {
        orgId,
        action: "api_key.created",
        summary: `${actorWords(actor)} created the API key "${keyName}" (${apiKey.prefix}…) for ${scopeWords(apiKey.scopes)}.`,
        after: { id: apiKey.id, name: keyName, scopes: apiKey.scopes, prefix: apiKey.prefix },
      });
      return { apiKey: Object.assign(apiKey, { createdByName: actor.user.name }), secret };
    });
  }

  async revoke(actor: UserActor, orgId: string, apiKeyId: string): Promise<void> {
    const revoked = await this.db.transaction(async (em) => {
      const apiKey = isId(apiKeyId) ? await em.findOneBy(ApiKeyEntity, { id: apiKeyId, orgId }) : null;
      if (!apiKey) throw notFound("API key");
      if (apiKey.revokedAt) throw conflict("This API key was already revoked.");
      await this.revokeIn(em, actor, apiKey, "api_key.revoked");
      return [apiKey];
    });
    await this.evict(revoked);
  }

  /**
   * In the transaction of a member's removal (or leaving): revokes the live keys they
   * created, each audited. The caller evicts the returned keys after its commit.
   */
  async revokeCreatedBy(em: EntityManager, actor: Actor, orgId: string, userId: string): Promise<ApiKeyEntity[]> {
    const keys = await em.findBy(ApiKeyEntity, { orgId, createdByUserId: userId, revokedAt: IsNull() });
    for (const apiKey of keys) await this.revokeIn(em, actor, apiKey, "api_key.revoked_with_creator");
    return keys;
  }

  /**
   * Forgets revoked keys: called after the revoking transaction committed, so that a
   * concurrent `authenticate` cannot read the key as live and cache it again.
   */
  async evict(keys: ApiKeyEntity[]): Promise<void> {
    for (const key of keys) {
      this.cache.delete(key.secretHash);
      await this.publisher?.publish(this.channel, key.secretHash).catch(() => undefined);
    }
  }

  private async revokeIn(em: EntityManager, actor: Actor, apiKey: ApiKeyEntity, action: string): Promise<void> {
    await em.update(ApiKeyEntity, { id: apiKey.id }, { revokedAt: this.clock.now() });
    // A key revoked with its creator's membership says whose it was.
    const creator = action === "api_key.revoked" ? null : await em.findOneBy(UserEntity, { id: apiKey.createdByUserId });
    await this.audit.record(em, actor, {
      orgId: apiKey.orgId,
      action,
      summary: creator
        ? `The API key "${apiKey.name}" (${apiKey.prefix}…) was revoked: its creator, ${person(creator)}, is no longer a member.`
        : `${actorWords(actor)} revoked the API key "${apiKey.name}" (${apiKey.prefix}…).`,
      before: { id: apiKey.id, name: apiKey.name, scopes: apiKey.scopes, prefix: apiKey.prefix },
      after: null,
    });
  }

  /** Live keys, oldest first, each with the name of the member who created it. */
  async list(orgId: string): Promise<(ApiKeyEntity & { createdByName: string | null })[]> {
    const keys = await this.db.manager.find(ApiKeyEntity, { where: { orgId, revokedAt: IsNull() }, order: { createdAt: "ASC" } });
    const creators = await byId(
      this.db.manager,
      UserEntity,
      keys.map((k) => k.createdByUserId),
    );
    return keys.map((key) => Object.assign(key, { createdByName: creators.get(key.createdByUserId)?.name ?? null }));
  }

  /**
   * The live key for a bearer secret, or null. Notes when it was last used. Requests that
   * arrive together with a key not in the cache share one read of it (and so one write of
   * its last use): a burst on a cold key must not queue a read and an update per request.
   */
  async authenticate(secret: string): Promise<ApiKeyEntity | null> {
    if (!secret.startsWith(SECRET_PREFIX) || secret.length > 100) return null;
    const secretHash = sha256(secret);
    const wall = Date.now();
    let entry = this.cache.get(secretHash);
    if (!entry || entry.until <= wall) {
      if (this.cache.size > 10_000) this.cache.clear();
      const loaded: CachedKey = {
        apiKey: this.db.manager.findOneBy(ApiKeyEntity, { secretHash, revokedAt: IsNull() }),
        until: wall + API_KEY_CACHE_MS,
      };
      entry = loaded;
      this.cache.set(secretHash, loaded);
      // Not a key (or the read failed): the next request asks again. An eviction while the
      // read was in flight removed this entry already, and it is not put back.
      const forget = () => this.cache.get(secretHash) === loaded && this.cache.delete(secretHash);
      loaded.apiKey.then((apiKey) => apiKey ?? forget(), forget);
    }
    const apiKey = await entry.apiKey;
    if (!apiKey) return null;
    const now = this.clock.now();
    if (!apiKey.lastUsedAt || now.getTime() - apiKey.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      apiKey.lastUsedAt = now;
      const id = apiKey.id;
      await this.db.transaction((em) => em.update(ApiKeyEntity, { id }, { lastUsedAt: now }));
    }
    return apiKey;
  }
}
