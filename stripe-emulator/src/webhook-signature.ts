import { createHmac } from "node:crypto";

/**
 * Stripe's webhook signature: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.payload">`.
 * `t` is wall-clock time even when the emulator clock has moved, because receivers check
 * it against their own clock (five minutes' tolerance by default).
 */
export function signatureHeader(payload: string, secret: string, timestamp: number): string {
  const v1 = createHmac("sha256", secret).update(`${timestamp}.${payload}`, "utf8").digest("hex");
  return `t=${timestamp},v1=${v1}`;
}
