import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError } from "./errors";
import type { PaymentMethodKind } from "./store";
import type { StripeEmulator } from "./emulator.types";
import { authenticate, readBody, sendJson } from "./server";
import type { DeliveryMode } from "./webhooks";

/**
 * `/_emulator/...`: the programmatic controls over HTTP, so that an emulator started from the
 * command line can be driven from another process. Bodies are JSON.
 *
 *   GET  /_emulator                          state: clock, delivery mode, pending webhooks
 *   POST /_emulator/clock/advance            {"to": ISO time} or {"days": n}
 *   POST /_emulator/customers/:id/decline    {"declines": true|false} (default true)
 *   POST /_emulator/webhooks/mode            {"mode": "queued"} or {"mode": {"failFirst": 2}}
 *   POST /_emulator/outage                   {"requests": 3, "path"?: "/v1/subscription_items"}: those answer 500;
 *                                            {"latencyMs": 10000, "seconds"?: 60}: every API answer that much later
 *   POST /_emulator/webhooks/flush
 *   POST /_emulator/webhooks/endpoints       {"url", "secret"?, "events"?} → {id, secret}
 *   GET  /_emulator/webhooks/attempts        every delivery attempt so far
 *   POST /_emulator/checkout/:id/pay|cancel  {"method"?: "card"|"bank_debit"} → {"redirect": url}
 *   POST /_emulator/checkout/:id/settle      {"succeed": true|false}: a bank debit settles
 *
 * The controls can move money and time, so they are locked like the API (security review,
 * finding 22): `Authorization: Bearer sk_test_…` is required, and a browser cannot be made to
 * call them from another site: a request with a foreign `Origin` is refused, and so is any body
 * but JSON (an HTML form can post only form-encoded, multipart or text/plain bodies without a
 * CORS preflight, which the emulator never grants).
 */
export async function handleControl(
  emulator: StripeEmulator,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  ownOrigins: string[],
): Promise<void> {
  const method = req.method ?? "GET";
  const path = url.pathname.replace(/\/+$/, "");
  let body: Record<string, unknown>;
  try {
    refuseForeign(req, ownOrigins);
    authenticate(req);
    body = method === "POST" ? parseJsonBody(req, await readBody(req)) : {};
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    return sendJson(res, e.status, e.toBody());
  }
  try {
    if (method === "GET" && path === "/_emulator") {
      return sendJson(res, 200, {
        now: emulator.now().toISOString(),
        webhook_mode: emulator.deliveryMode(),
        pending_webhooks: emulator.pendingWebhooks(),
        url: emulator.url,
      });
    }
    if (method === "GET" && path === "/_emulator/clock") return sendJson(res, 200, { now: emulator.now().toISOString() });
    if (method === "POST" && path === "/_emulator/clock/advance") {
      const to =
        body.to !== undefined
          ? new Date(String(body.to))
          : new Date(emulator.now().getTime() + Number(body.days ?? Number.NaN) * 86_400_000);
      if (Number.isNaN(to.getTime())) return badRequest(res, 'Give "to" (an ISO time) or "days" (a number).');
      await emulator.advanceClock(to);
      return sendJson(res, 200, { now: emulator.now().toISOString() });
    }
    const decline = /^\/_emulator\/customers\/([^/]+)\/decline$/.exec(path);
    if (method === "POST" && decline) {
      const declines = body.declines === undefined ? true : body.declines === true || body.declines === "true";
      emulator.setCardDeclines(decodeURIComponent(decline[1]), declines);
      return sendJson(res, 200, { customer: decline[1], declines });
    }
    if (method === "POST" && path === "/_emulator/outage") {
      if (body.latencyMs !== undefined) {
        const latencyMs = Number(body.latencyMs);
        const seconds = body.seconds === undefined ? undefined : Number(body.seconds);
        if (!Number.isFinite(latencyMs) || latencyMs < 0 || (seconds !== undefined && !(Number.isFinite(seconds) && seconds > 0))) {
          return badRequest(res, 'Give "latencyMs" (0 or more milliseconds) and optionally "seconds" (more than 0).');
        }
        emulator.setLatency(latencyMs, seconds);
        if (body.requests === undefined) return sendJson(res, 200, latencyState(emulator));
      }
      emulator.failNextRequests(Number(body.requests ?? 1), typeof body.path === "string" ? body.path : undefined);
      const failing = { failing_requests: Number(body.requests ?? 1) };
      return sendJson(res, 200, body.latencyMs === undefined ? failing : { ...failing, ...latencyState(emulator) });
    }
    if (method === "POST" && path === "/_emulator/webhooks/mode") {
      emulator.setDeliveryMode(toMode(body.mode));
      return sendJson(res, 200, { mode: emulator.deliveryMode() });
    }
    if (method === "POST" && path === "/_emulator/webhooks/flush") {
      await emulator.flushWebhooks();
      return sendJson(res, 200, { pending_webhooks: emulator.pendingWebhooks() });
    }
    if (method === "POST" && path === "/_emulator/webhooks/endpoints") {
      if (typeof body.url !== "string") return badRequest(res, 'Give "url".');
      const events = Array.isArray(body.events) ? body.events.map(String) : undefined;
      const secret = typeof body.secret === "string" ? body.secret : undefined;
      return sendJson(res, 200, emulator.addWebhookEndpoint(body.url, { secret, events }));
    }
    if (method === "GET" && path === "/_emulator/webhooks/attempts") return sendJson(res, 200, { data: emulator.webhookAttempts() });
    const checkout = /^\/_emulator\/checkout\/([^/]+)\/(pay|cancel|settle)$/.exec(path);
    if (method === "POST" && checkout) {
      const id = decodeURIComponent(checkout[1]);
      if (checkout[2] === "settle") {
        if (typeof body.succeed !== "boolean") return badRequest(res, 'Give "succeed": true or false.');
        await emulator.settleCheckoutPayment(id, { succeed: body.succeed });
        return sendJson(res, 200, { session: id, succeeded: body.succeed });
      }
      if (checkout[2] === "cancel") return sendJson(res, 200, { redirect: emulator.cancelCheckoutSession(id) });
      const payWith = body.method ?? "card";
      if (payWith !== "card" && payWith !== "bank_debit") return badRequest(res, '"method" is "card" (default) or "bank_debit".');
      const redirect = await emulator.payCheckoutSession(id, { method: payWith as PaymentMethodKind });
      return sendJson(res, 200, { redirect });
    }
    return sendJson(res, 404, errorBody(`Unknown emulator control: ${method} ${url.pathname}`));
  } catch (e) {
    const code = e instanceof ApiError ? e.details.code : undefined;
    return sendJson(res, 400, errorBody(e instanceof Error ? e.message : String(e), code));
  }
}

function errorBody(message: string, code?: string): { error: Record<string, string> } {
  return { error: { type: "invalid_request_error", message, ...(code ? { code } : {}) } };
}

function badRequest(res: ServerResponse, message: string): void {
  sendJson(res, 400, errorBody(message));
}

function latencyState(emulator: StripeEmulator): { latency_ms: number; latency_until: string | null } {
  const { latencyMs, until } = emulator.latency();
  return { latency_ms: latencyMs, latency_until: until === null ? null : until.toISOString() };
}

function forbidden(message: string): ApiError {
  return new ApiError(403, "invalid_request_error", message, { code: "emulator_control_forbidden" });
}

/** A request from a page on another origin, or carrying a body a cross-site form could send, is refused. */
function refuseForeign(req: IncomingMessage, ownOrigins: string[]): void {
  const origin = req.headers.origin;
  if (origin !== undefined && !ownOrigins.includes(origin)) {
    throw forbidden(`Emulator controls refuse requests from other origins (Origin: ${origin}).`);
  }
  const type = req.headers["content-type"];
  const mediaType = type?.split(";")[0].trim().toLowerCase();
  if (mediaType !== undefined && mediaType !== "application/json") {
    throw forbidden(`Emulator controls take JSON bodies only (Content-Type: application/json), not ${mediaType}.`);
  }
}

function parseJsonBody(req: IncomingMessage, text: string): Record<string, unknown> {
  if (!text) return {};
  // A body without a content type is refused as well: JSON must say it is JSON.
  if (req.headers["content-type"] === undefined) {
    throw forbidden("Emulator controls take JSON bodies only (Content-Type: application/json).");
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ApiError(400, "invalid_request_error", "The body is not valid JSON.");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new ApiError(400, "invalid_request_error", "The body must be a JSON object.");
  }
  return parsed as Record<string, unknown>;
}

function toMode(value: unknown): DeliveryMode {
  if (typeof value === "object" && value !== null && "failFirst" in value) {
    return { failFirst: Number((value as { failFirst: unknown }).failFirst) };
  }
  return String(value) as DeliveryMode;
}
