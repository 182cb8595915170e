/**
 * Idempotency keys as Stripe keeps them: per API key, for 24 hours. A replay with the same
 * endpoint and parameters answers the stored response; the same key with anything else
 * answers 400 `idempotency_error`.
 */
export interface StoredResponse {
  status: number;
  body: string;
}

export interface IdempotencyEntry {
  fingerprint: string;
  response: StoredResponse;
  storedAt: number;
}

const TTL_MS = 24 * 3600 * 1000;

export type Lookup = { kind: "new" } | { kind: "replay"; response: StoredResponse } | { kind: "conflict" };

export class IdempotencyStore {
  private readonly entries = new Map<string, IdempotencyEntry>();

  lookup(scope: string, key: string, fingerprint: string): Lookup {
    this.prune();
    const entry = this.entries.get(`${scope}\u0000${key}`);
    if (!entry) return { kind: "new" };
    return entry.fingerprint === fingerprint ? { kind: "replay", response: entry.response } : { kind: "conflict" };
  }

  save(scope: string, key: string, fingerprint: string, response: StoredResponse): void {
    this.entries.set(`${scope}\u0000${key}`, { fingerprint, response, storedAt: Date.now() });
  }

  /** What a state file keeps (see state-file.ts). */
  entriesForState(): [string, IdempotencyEntry][] {
    this.prune();
    return [...this.entries];
  }

  restore(entries: [string, IdempotencyEntry][]): void {
    for (const [k, e] of entries) this.entries.set(k, e);
    this.prune();
  }

  private prune(): void {
    const cutoff = Date.now() - TTL_MS;
    for (const [k, e] of this.entries) if (e.storedAt < cutoff) this.entries.delete(k);
  }
}

/** Method, path and parameters in a canonical form (key order does not matter). */
export function fingerprint(method: string, path: string, params: unknown): string {
  return `${method} ${path} ${canonical(params)}`;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
