import type { IncomingMessage, ServerResponse } from "node:http";
import { decodeForm } from "./form";
import type { StripeEmulator } from "./index";
import { readBody, sendJson } from "./server";
import type { DeliveryMode } from "./webhooks";

/**
 * `/_emulator/...`: the programmatic controls over HTTP, so that an emulator started from the
 * command line can be driven from another process. Bodies are JSON (or form-encoded).
 *
 *   GET  /_emulator                          state: clock, delivery mode, pending webhooks
 *   POST /_emulator/clock/advance            {"to": ISO time} or {"days": n}
 *   POST /_emulator/customers/:id/decline    {"declines": true|false} (default true)
 *   POST /_emulator/webhooks/mode            {"mode": "queued"} or {"mode": {"failFirst": 2}}
 *   POST /_emulator/outage                   {"requests": 3, "path"?: "/v1/subscription_items"}: those answer 500
 *   POST /_emulator/webhooks/flush
 *   POST /_emulator/webhooks/endpoints       {"url", "secret"?, "events"?} → {id, secret}
 *   GET  /_emulator/webhooks/attempts        every delivery attempt so far
 *   POST /_emulator/checkout/:id/pay|cancel  → {"redirect": url}
 */
export async function handleControl(emulator: StripeEmulator, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const method = req.method ?? "GET";
  const path = url.pathname.replace(/\/+$/, "");
  const body = method === "POST" ? parseBody(await readBody(req), req.headers["content-type"]) : {};
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
      emulator.failNextRequests(Number(body.requests ?? 1), typeof body.path === "string" ? body.path : undefined);
      return sendJson(res, 200, { failing_requests: Number(body.requests ?? 1) });
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
    const checkout = /^\/_emulator\/checkout\/([^/]+)\/(pay|cancel)$/.exec(path);
    if (method === "POST" && checkout) {
      const id = decodeURIComponent(checkout[1]);
      const redirect = checkout[2] === "pay" ? await emulator.payCheckoutSession(id) : emulator.cancelCheckoutSession(id);
      return sendJson(res, 200, { redirect });
    }
    return sendJson(res, 404, { error: { message: `Unknown emulator control: ${method} ${url.pathname}` } });
  } catch (e) {
    return badRequest(res, e instanceof Error ? e.message : String(e));
  }
}

function badRequest(res: ServerResponse, message: string): void {
  sendJson(res, 400, { error: { message } });
}

function parseBody(text: string, contentType: string | undefined): Record<string, unknown> {
  if (!text) return {};
  if (contentType?.includes("application/json")) return JSON.parse(text) as Record<string, unknown>;
  return decodeForm(text);
}

function toMode(value: unknown): DeliveryMode {
  if (typeof value === "object" && value !== null && "failFirst" in value) {
    return { failFirst: Number((value as { failFirst: unknown }).failFirst) };
  }
  return String(value) as DeliveryMode;
}
