import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { Webhook } from "standardwebhooks";
import { guardedLookup } from "./webhook-address";

/** What one attempt got: the HTTP status, or why there was none. */
export interface AttemptResult {
  ok: boolean;
  status: number | null;
  error: string | null;
}

/**
 * Sends one signed delivery (Standard Webhooks: `webhook-id`, `webhook-timestamp` in wall-clock
 * seconds, `webhook-signature` "v1,<base64 HMAC-SHA256>", signed by the `standardwebhooks`
 * package). A 2xx is a success; anything else, a redirect (never followed), a refused
 * address or no answer within `timeoutMs` is a failure. The answer's body is read (up to
 * 64 KiB) and dropped.
 */
export class WebhookSender {
  constructor(
    private readonly allowPrivate: boolean,
    private readonly timeoutMs: number,
  ) {}

  send(url: string, secret: string, eventId: string, body: string): Promise<AttemptResult> {
    const now = new Date();
    const signature = new Webhook(secret).sign(eventId, now, body);
    const timestamp = Math.floor(now.getTime() / 1000).toString();
    const target = new URL(url);
    const request = target.protocol === "https:" ? httpsRequest : httpRequest;
    return new Promise((resolve) => {
      let settled = false;
      const done = (result: AttemptResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(result);
      };
      const req = request(
        target,
        {
          method: "POST",
          lookup: guardedLookup(this.allowPrivate),
          headers: {
            "content-type": "application/json",
            "user-agent": "TeamBilling-Webhooks/1",
            "webhook-id": eventId,
            "webhook-timestamp": timestamp,
            "webhook-signature": signature,
          },
        },
        (res) => {
          let read = 0;
          res.on("data", (chunk: Buffer) => {
            read += chunk.length;
            if (read > 65_536) res.destroy();
          });
          const status = res.statusCode ?? 0;
          const finish = () =>
            done({ ok: status >= 200 && status < 300, status, error: status >= 200 && status < 300 ? null : `HTTP ${status}` });
          res.on("end", finish);
          res.on("close", finish);
          res.on("error", finish);
        },
      );
      const timer = setTimeout(() => {
        req.destroy();
        done({ ok: false, status: null, error: `no answer within ${Math.round(this.timeoutMs / 1000)} s` });
      }, this.timeoutMs);
      req.on("error", (error: NodeJS.ErrnoException) =>
        done({ ok: false, status: null, error: error.code === "EADDRREFUSED" ? "refused: not a public address" : describe(error) }),
      );
      req.end(body);
    });
  }
}

const describe = (error: NodeJS.ErrnoException): string => {
  switch (error.code) {
    case "ECONNREFUSED":
      return "connection refused";
    case "ENOTFOUND":
      return "host not found";
    case "ECONNRESET":
      return "connection reset";
    default:
      return (error.code ?? error.message).slice(0, 200);
  }
};
