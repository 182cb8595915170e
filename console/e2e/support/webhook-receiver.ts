import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";

/** One POST the receiver got: its Standard Webhooks headers and its JSON body. */
export interface ReceivedWebhook {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  type: string;
  /** What the receiver answered. */
  status: number;
}

/**
 * A partner's endpoint for the browser tests: a real HTTP server on 127.0.0.1 (the test server runs
 * with dev tools, so WEBHOOK_ALLOW_PRIVATE lets it deliver here). It answers 200, or the statuses
 * queued with `failNext`, and keeps what it got.
 */
export async function startWebhookReceiver(): Promise<{
  url: string;
  received: ReceivedWebhook[];
  failNext(status: number, times?: number): void;
  close(): Promise<void>;
}> {
  const received: ReceivedWebhook[] = [];
  const queued: number[] = [];
  const header = (headers: IncomingHttpHeaders, name: string) => String(headers[name] ?? "");
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const status = queued.shift() ?? 200;
      let type = "";
      try {
        type = (JSON.parse(body) as { type?: string }).type ?? "";
      } catch {
        // kept as received
      }
      received.push({
        id: header(req.headers, "webhook-id"),
        timestamp: header(req.headers, "webhook-timestamp"),
        signature: header(req.headers, "webhook-signature"),
        body,
        type,
        status,
      });
      res.writeHead(status, { "content-type": "text/plain" });
      res.end(status < 300 ? "ok" : "not now");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/hooks/team-billing`,
    received,
    failNext(status, times = 1) {
      for (let i = 0; i < times; i++) queued.push(status);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Checks a delivery's `webhook-signature` the Standard Webhooks way: HMAC-SHA256 of
 * "<id>.<timestamp>.<body>" with the secret after `whsec_` (base64), one "v1,<base64>" per key.
 */
export function signatureIsValid(secret: string, webhook: ReceivedWebhook): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const expected = createHmac("sha256", key).update(`${webhook.id}.${webhook.timestamp}.${webhook.body}`).digest();
  return webhook.signature.split(" ").some((part) => {
    const [version, value = ""] = part.split(",");
    const given = Buffer.from(value, "base64");
    return version === "v1" && given.length === expected.length && timingSafeEqual(given, expected);
  });
}
