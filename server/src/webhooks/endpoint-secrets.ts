import { randomBytes } from "node:crypto";
import { Like } from "typeorm";
import type { SecretBox } from "../common/secret-box";
import type { Database } from "../db/database";
import { WebhookEndpointEntity } from "../entities";

/** What a secret made before secrets were sealed looks like in its row (Standard Webhooks' prefix). */
const PLAIN_PREFIX = "whsec_";

/**
 * Endpoints' signing secrets: `whsec_` + 24 random bytes in base64, answered once when the
 * endpoint is made, stored sealed (see SecretBox) under the endpoint's id, opened to sign
 * each delivery. A row from before sealing still holds its secret in plain text: it signs
 * as before until the `webhook-secrets` job seals it.
 */
export class EndpointSecrets {
  constructor(private readonly box: SecretBox) {}

  /** A new endpoint's secret, and what its row stores. */
  create(endpointId: string): { secret: string; stored: string } {
    const secret = `${PLAIN_PREFIX}${randomBytes(24).toString("base64")}`;
    return { secret, stored: this.box.seal(secret, context(endpointId)) };
  }

  /** The secret that signs the endpoint's deliveries; throws UnreadableSecret when another key sealed it. */
  read(endpoint: Pick<WebhookEndpointEntity, "id" | "secret">): string {
    if (endpoint.secret.startsWith(PLAIN_PREFIX)) return endpoint.secret;
    return this.box.open(endpoint.secret, context(endpoint.id));
  }

  /** Seals every secret still stored in plain text; returns how many. A row changed meanwhile is left to the next run. */
  async sealStored(db: Database): Promise<number> {
    const plain = await db.manager.find(WebhookEndpointEntity, {
      select: { id: true, secret: true },
      where: { secret: Like(`${PLAIN_PREFIX}%`) },
    });
    let sealed = 0;
    for (const { id, secret } of plain) {
      const { affected } = await db.transaction((em) =>
        em.update(WebhookEndpointEntity, { id, secret }, { secret: this.box.seal(secret, context(id)) }),
      );
      sealed += affected ?? 0;
    }
    return sealed;
  }
}

/** A sealed secret opens only in its own endpoint's row. */
const context = (endpointId: string) => `webhook_endpoint.secret:${endpointId}`;
