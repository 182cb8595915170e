import type { IncomingMessage, ServerResponse } from "node:http";
import { API_VERSION, type Core } from "./core";
import { ApiError, ParamError } from "./errors";
import { decodeForm, type FormObject } from "./form";
import { fingerprint } from "./idempotency";
import { randomToken } from "./ids";
import { validate } from "./params";
import { render } from "./render";
import { type CompiledRoute, match } from "./routes";

const MAX_BODY = 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new ApiError(413, "invalid_request_error", "Request body too large.");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === "string" ? body : JSON.stringify(body, null, 2);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

/**
 * Stripe's `/v1` API over the route table: API-key auth, form decoding, parameter checks,
 * idempotency keys, `expand[]`, the error envelope and a `Request-Id` on every answer.
 */
export class ApiServer {
  constructor(
    private readonly core: Core,
    private readonly routes: CompiledRoute[],
  ) {}

  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const requestId = `req_${randomToken(14)}`;
    const headers: Record<string, string> = { "Request-Id": requestId, "Stripe-Version": API_VERSION };
    const idempotencyKey = headerValue(req, "idempotency-key");
    if (idempotencyKey) headers["Idempotency-Key"] = idempotencyKey;
    // A slow Stripe (the latency control): the request takes effect at once, its answer comes
    // late, as when Stripe is slow; a client that gives up meanwhile has still changed things.
    const latency = this.core.currentLatencyMs();
    const send = async (status: number, body: unknown, extra: Record<string, string> = headers) => {
      if (latency > 0) await delay(latency);
      sendJson(res, status, body, extra);
    };
    try {
      const apiKey = authenticate(req);
      if (this.core.outage.requests > 0 && url.pathname.startsWith(this.core.outage.prefix)) {
        this.core.outage.requests--;
        throw new ApiError(500, "api_error", "An unexpected error occurred (a simulated Stripe outage).");
      }
      const method = req.method ?? "GET";
      const raw: FormObject = method === "POST" ? decodeForm(await readBody(req)) : decodeForm(url.search.slice(1));
      const found = match(this.routes, method, url.pathname);
      if (found === undefined || found === "wrong_method") {
        throw new ApiError(
          404,
          "invalid_request_error",
          `Unrecognized request URL (${method}: ${url.pathname}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
        );
      }
      const key = method === "POST" ? idempotencyKey : undefined;
      const print = fingerprint(method, url.pathname, raw);
      if (key) {
        const seen = this.core.idempotency.lookup(apiKey, key, print);
        if (seen.kind === "replay") {
          await send(seen.response.status, seen.response.body, { ...headers, "Idempotent-Replayed": "true" });
          return;
        }
        if (seen.kind === "conflict") {
          throw new ApiError(
            400,
            "idempotency_error",
            `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
          );
        }
      }
      const { status, body } = this.execute(found.route, found.params, raw, requestId, key ?? null);
      if (key) this.core.idempotency.save(apiKey, key, print, { status, body });
      // Stored before it is answered: what a client was told happened survives a restart.
      if (method !== "GET") this.core.persist();
      await send(status, body);
    } catch (e) {
      const { status, body } = this.failure(e);
      await send(status, body);
    }
  }

  /** Runs the endpoint; its own errors (after parameters were accepted) are part of the stored response. */
  private execute(
    route: CompiledRoute,
    params: Record<string, string>,
    raw: FormObject,
    requestId: string,
    key: string | null,
  ): { status: number; body: string } {
    const { expand, rest } = splitExpand(raw);
    const input = validate(route.fields, rest);
    this.core.request = { id: requestId, idempotencyKey: key };
    try {
      const result = route.handler({ core: this.core, params, input });
      return { status: 200, body: JSON.stringify(render(this.core.store, result, expand), null, 2) };
    } catch (e) {
      if (e instanceof ApiError && !(e instanceof ParamError)) {
        return { status: e.status, body: JSON.stringify(e.toBody(), null, 2) };
      }
      throw e;
    } finally {
      this.core.request = null;
    }
  }

  private failure(e: unknown): { status: number; body: unknown } {
    if (e instanceof ApiError) return { status: e.status, body: e.toBody() };
    this.core.log(`internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return { status: 500, body: new ApiError(500, "api_error", "An unknown error occurred in the Stripe emulator.").toBody() };
  }
}

/** Unref'd: a held answer does not keep a stopping process alive. */
function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Any `sk_test_…` key is accepted (Bearer or Basic auth); the key scopes idempotency. The `/_emulator` controls ask the same. */
export function authenticate(req: IncomingMessage): string {
  const header = headerValue(req, "authorization");
  if (!header) {
    throw new ApiError(
      401,
      "invalid_request_error",
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
    );
  }
  let key = "";
  if (header.startsWith("Bearer ")) key = header.slice(7).trim();
  else if (header.startsWith("Basic ")) key = Buffer.from(header.slice(6), "base64").toString("utf8").split(":")[0];
  if (!/^sk_test_[A-Za-z0-9_]+$/.test(key)) {
    const masked = key.length > 4 ? `${key.slice(0, 8)}${"*".repeat(Math.max(0, key.length - 12))}${key.slice(-4)}` : key;
    throw new ApiError(401, "invalid_request_error", `Invalid API Key provided: ${masked}`, {
      code: "api_key_invalid",
    });
  }
  return key;
}

function splitExpand(raw: FormObject): { expand: string[]; rest: Record<string, unknown> } {
  const { expand, ...rest } = raw;
  if (expand === undefined) return { expand: [], rest };
  const list = Array.isArray(expand) ? expand : [expand];
  if (!list.every((e): e is string => typeof e === "string")) throw new ParamError("Invalid array", { param: "expand" });
  return { expand: list, rest };
}
