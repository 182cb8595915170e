import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/** Sealed values start with this, then base64url(iv ‖ tag ‖ ciphertext). */
const VERSION = "v1.";
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** The shortest DATA_ENCRYPTION_KEY accepted (config.ts): a passphrase shorter than this is too easy to guess. */
export const MIN_KEY_LENGTH = 32;

/** A sealed value that this server's key cannot open (another key sealed it, or it was altered). */
export class UnreadableSecret extends Error {
  constructor() {
    super("The stored secret cannot be decrypted with this server's DATA_ENCRYPTION_KEY.");
  }
}

/**
 * Secrets the server must read back (webhook signing secrets: they sign every delivery, so
 * they cannot be stored as a hash), encrypted at rest with AES-256-GCM under a key that
 * lives outside the database (derived by HKDF from DATA_ENCRYPTION_KEY or SESSION_SECRET):
 * a copy of the database alone does not let anyone sign as us. Each value is bound to where it is
 * stored (`context`, the additional data): moved to another row, it no longer opens.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(keyMaterial: string) {
    if (!keyMaterial) throw new Error("SecretBox needs a key");
    this.key = Buffer.from(hkdfSync("sha256", keyMaterial, "", "team-billing data encryption v1", 32));
  }

  seal(plain: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv);
    cipher.setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return VERSION + Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
  }

  /** The plain value; throws UnreadableSecret when this key did not seal it for `context`. */
  open(sealed: string, context: string): string {
    if (!SecretBox.isSealed(sealed)) throw new UnreadableSecret();
    const raw = Buffer.from(sealed.slice(VERSION.length), "base64url");
    if (raw.length < IV_BYTES + TAG_BYTES) throw new UnreadableSecret();
    try {
      const decipher = createDecipheriv("aes-256-gcm", this.key, raw.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
    } catch {
      throw new UnreadableSecret();
    }
  }

  static isSealed(value: string): boolean {
    return value.startsWith(VERSION);
  }
}
