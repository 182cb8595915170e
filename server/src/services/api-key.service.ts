import { randomBytes } from "node:crypto";
import { API_KEY_SCOPES, type ApiKeyScope } from "@team-billing/shared";
import { IsNull } from "typeorm";
import type { Clock } from "../clock";
import { newId } from "../db/columns";
import type { Database } from "../db/database";
import { ApiKeyEntity } from "../entities";
import { badInput, conflict, notFound } from "../errors";
import type { UserActor } from "./actor";
import type { AuditService } from "./audit.service";
import { sha256 } from "./auth.service";
import { cleanName, isId } from "./validate";

const SECRET_PREFIX = "tbk_";
/** lastUsedAt is written at most this often per key, to keep writes off the hot path. */
const LAST_USED_RESOLUTION_MS = 60_000;
/**
 * Keys are remembered in-process this long, so a request does not wait on the
 * database to learn who calls. Revoking evicts at once in the revoking process;
 * other server processes stop accepting the key within this time.
 */
export const API_KEY_CACHE_MS = 5_000;

/** Org API keys: the secret is shown once; only its SHA-256 is stored. */
export class ApiKeyService {
  private readonly cache = new Map<string, { apiKey: ApiKeyEntity; until: number }>();

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async create(actor: UserActor, orgId: string, name: string, scopes: ApiKeyScope[]): Promise<{ apiKey: ApiKeyEntity; secret: string }> {
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
        after: { id: apiKey.id, name: keyName, scopes: apiKey.scopes, prefix: apiKey.prefix },
      });
      return { apiKey, secret };
    });
  }

  async revoke(actor: UserActor, orgId: string, apiKeyId: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const apiKey = isId(apiKeyId) ? await em.findOneBy(ApiKeyEntity, { id: apiKeyId, orgId }) : null;
      if (!apiKey) throw notFound("API key");
      if (apiKey.revokedAt) throw conflict("This API key was already revoked.");
      await em.update(ApiKeyEntity, { id: apiKey.id }, { revokedAt: this.clock.now() });
      this.cache.delete(apiKey.secretHash);
      await this.audit.record(em, actor, {
        orgId,
        action: "api_key.revoked",
        before: { id: apiKey.id, name: apiKey.name, scopes: apiKey.scopes },
        after: null,
      });
    });
  }

  async list(orgId: string): Promise<ApiKeyEntity[]> {
    return this.db.manager.find(ApiKeyEntity, { where: { orgId, revokedAt: IsNull() }, order: { createdAt: "ASC" } });
  }

  /** The live key for a bearer secret, or null. Notes when it was last used. */
  async authenticate(secret: string): Promise<ApiKeyEntity | null> {
    if (!secret.startsWith(SECRET_PREFIX) || secret.length > 100) return null;
    const secretHash = sha256(secret);
    const cached = this.cache.get(secretHash);
    const wall = Date.now();
    let apiKey = cached && cached.until > wall ? cached.apiKey : null;
    if (!apiKey) {
      apiKey = await this.db.manager.findOneBy(ApiKeyEntity, { secretHash, revokedAt: IsNull() });
      if (!apiKey) {
        this.cache.delete(secretHash);
        return null;
      }
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(secretHash, { apiKey, until: wall + API_KEY_CACHE_MS });
    }
    const now = this.clock.now();
    if (!apiKey.lastUsedAt || now.getTime() - apiKey.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      apiKey.lastUsedAt = now;
      const id = apiKey.id;
      await this.db.transaction((em) => em.update(ApiKeyEntity, { id }, { lastUsedAt: now }));
    }
    return apiKey;
  }
}
