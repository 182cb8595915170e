import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

export interface Received {
  headers: IncomingHttpHeaders;
  raw: string;
  body: { id: string; type: string; createdAt: string; orgId: string; data: Record<string, unknown> };
}

/**
 * A partner's endpoint: a real HTTP server on loopback that keeps every request and answers
 * what `answer` says (200 unless told otherwise).
 */
export class WebhookReceiver {
  readonly received: Received[] = [];
  answer: (req: Received, nth: number) => number = () => 200;
  private server: Server | undefined;
  url = "";

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let raw = "";
      req.setEncoding("utf8");
      req.on("data", (chunk: string) => {
        raw += chunk;
      });
      req.on("end", () => {
        const received = { headers: req.headers, raw, body: JSON.parse(raw) };
        this.received.push(received);
        res.statusCode = this.answer(received, this.received.length);
        res.end("ok");
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
    return this;
  }

  /** Events of one org, in arrival order. */
  of(orgId: string): Received[] {
    return this.received.filter((r) => r.body.orgId === orgId);
  }

  types(orgId: string): string[] {
    return this.of(orgId).map((r) => r.body.type);
  }

  /** Checks a request's signature as a partner would, with the `standardwebhooks` package; returns the parsed body. */
  static verify(secret: string, r: Received): unknown {
    return new Webhook(secret).verify(r.raw, {
      "webhook-id": String(r.headers["webhook-id"]),
      "webhook-timestamp": String(r.headers["webhook-timestamp"]),
      "webhook-signature": String(r.headers["webhook-signature"]),
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
