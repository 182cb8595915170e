import type { IncomingMessage, ServerResponse } from "node:http";
import { completeCheckout, refreshSession } from "./billing/checkout";
import { API_VERSION, type Core } from "./core";
import { ApiError } from "./errors";
import { decodeForm } from "./form";
import { handleControl } from "./control";
import type { StripeEmulator } from "./emulator.types";
import { parseCard } from "./objects/payment-method";
import { checkoutPage, FAVICON_SVG, messagePage, pageContext } from "./pages/checkout-page";
import { invoicePage } from "./pages/invoice-page";
import { invoicePdf } from "./pdf";
import { type ApiServer, readBody } from "./server";

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { "Content-Type": "text/html; charset=utf-8", "Content-Length": Buffer.byteLength(html) });
  res.end(html);
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(303, { Location: location, "Content-Length": 0 });
  res.end();
}

/**
 * Everything the emulator serves: Stripe's API under `/v1`, the hosted checkout page and
 * invoice pages/PDFs it links to, and its own controls under `/_emulator`.
 */
export function createRequestHandler(core: Core, api: ApiServer, emulator: StripeEmulator, catchUp: () => void) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://emulator.invalid");
    try {
      catchUp();
      if (url.pathname.startsWith("/v1/")) return await api.handle(req, res, url);
      if (url.pathname.startsWith("/_emulator")) {
        // Its own pages (the public URL) and where it listens are the emulator's origins.
        const own = [new URL(core.publicUrl || emulator.url).origin, new URL(emulator.url).origin];
        return await handleControl(emulator, req, res, url, own);
      }
      if (url.pathname.startsWith("/checkout/")) return await checkoutRoute(core, emulator, req, res, url);
      if (url.pathname.startsWith("/invoices/")) return await invoiceRoute(core, req, res, url);
      if (url.pathname === "/favicon.svg" || url.pathname === "/favicon.ico") {
        res.writeHead(200, {
          "Content-Type": "image/svg+xml",
          "Cache-Control": "max-age=86400",
          "Content-Length": Buffer.byteLength(FAVICON_SVG),
        });
        res.end(FAVICON_SVG);
        return;
      }
      if (url.pathname === "/") {
        return sendHtml(
          res,
          200,
          messagePage(
            "Stripe emulator",
            `Stripe's API, version ${API_VERSION}, is served under /v1; the emulator's controls under /_emulator.`,
          ),
        );
      }
      sendHtml(res, 404, messagePage("Not found", url.pathname));
    } catch (e) {
      core.log(`error serving ${req.method} ${url.pathname}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      if (!res.headersSent) sendHtml(res, 500, messagePage("Emulator error", e instanceof Error ? e.message : String(e)));
    }
  };
}

async function checkoutRoute(core: Core, emulator: StripeEmulator, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const m = /^\/checkout\/([^/]+)(?:\/(pay|cancel))?\/?$/.exec(url.pathname);
  const session = m ? core.store.sessions.get(decodeURIComponent(m[1])) : undefined;
  if (!m || !session) return sendHtml(res, 404, messagePage("Checkout not found", "This checkout session does not exist."));
  const lineItems = core.store.sessionExtras.get(session.id)?.lineItems ?? [];
  const context = pageContext(session, typeof session.customer === "string" ? core.store.customers.get(session.customer) : undefined);
  const action = m[2];
  if (req.method === "GET" && !action) return sendHtml(res, 200, checkoutPage(refreshSession(core, session), lineItems, context));
  if (req.method !== "POST" || !action) return sendHtml(res, 405, messagePage("Method not allowed", "Use the page's buttons."));
  const form = decodeForm(await readBody(req));
  if (action === "cancel") return redirect(res, emulator.cancelCheckoutSession(session.id));
  try {
    const email = typeof form.email === "string" && form.email ? form.email : undefined;
    // The page's two submit buttons: "Pay" (card) and "Bank debit"; the card form (absent: the test Visa).
    const method = form.method === "bank_debit" ? "bank_debit" : "card";
    const text = (v: unknown) => (typeof v === "string" ? v : undefined);
    const card = method === "card" ? parseCard(text(form.card_number), text(form.card_expiry), core.now()) : undefined;
    const location = completeCheckout(core, session, email, method, card);
    core.persist();
    await core.webhooks.settle();
    redirect(res, location);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    sendHtml(res, e.status, checkoutPage(session, lineItems, context, e.message));
  }
}

async function invoiceRoute(core: Core, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const m = /^\/invoices\/([^/]+)(\/pdf)?\/?$/.exec(url.pathname);
  const invoice = m ? core.store.invoices.get(decodeURIComponent(m[1])) : undefined;
  // Drafts have no hosted page or PDF yet, as in Stripe.
  if (!m || !invoice || invoice.status === "draft" || req.method !== "GET") {
    return sendHtml(res, 404, messagePage("Invoice not found", "No finalized invoice at this address."));
  }
  if (!m[2]) return sendHtml(res, 200, invoicePage(invoice));
  const pdf = await invoicePdf(invoice);
  res.writeHead(200, {
    "Content-Type": "application/pdf",
    "Content-Length": pdf.length,
    "Content-Disposition": `inline; filename="Invoice-${invoice.number ?? invoice.id}.pdf"`,
  });
  res.end(pdf);
}
