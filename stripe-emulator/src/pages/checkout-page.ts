import type Stripe from "stripe";
import { escapeHtml, formatMoney } from "../money";

/** Who is selling and to whom, for the page's header (review finding 39). */
export interface PageContext {
  /** The business: `metadata.merchant_name`, else the host the buyer came from. */
  merchant: string;
  /** The buyer: `metadata.org_name`, else the customer's name or email; null when unknown. */
  account: string | null;
}

/** The page's context from the session's metadata, its customer and its return URLs. */
export function pageContext(session: Stripe.Checkout.Session, customer: Stripe.Customer | undefined): PageContext {
  const meta = session.metadata ?? {};
  let host: string | null = null;
  for (const url of [session.cancel_url, session.success_url]) {
    if (!host && url) {
      try {
        host = new URL(url).host;
      } catch {
        // not a URL: no host to name
      }
    }
  }
  return {
    merchant: meta.merchant_name || host || "Test merchant",
    account: meta.org_name || customer?.name || customer?.email || session.customer_email || null,
  };
}

/** A small inline icon, so the page asks the emulator for no favicon it would answer 404. */
export const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#635bff"/><text x="16" y="23" font-size="20" text-anchor="middle" fill="#fff" font-family="sans-serif">S</text></svg>';

const STYLE = `body{font-family:system-ui,sans-serif;background:#f6f8fa;margin:0;padding:2rem;color:#1a1f36}
main{max-width:34rem;margin:auto;background:#fff;border-radius:8px;padding:2rem;box-shadow:0 1px 4px #0002}
.badge{display:inline-block;background:#ffde92;color:#5c3b00;border-radius:4px;padding:2px 8px;font-size:.8rem}
.back{display:inline-block;margin-bottom:1rem;color:#635bff;text-decoration:none}.merchant{font-weight:600}
table{width:100%;border-collapse:collapse;margin:1rem 0}td,th{padding:.5rem 0;border-bottom:1px solid #e3e8ee;text-align:left}
.num{text-align:right}.total td{font-weight:600;border-bottom:none}
.error{background:#fde8e8;color:#9b1c1c;padding:.75rem;border-radius:4px}
form{display:inline}button{font-size:1rem;padding:.6rem 1.4rem;border-radius:6px;border:0;margin-right:.5rem;cursor:pointer}
.pay{background:#635bff;color:#fff}.debit{background:#fff;color:#635bff;border:1px solid #635bff}.cancel{background:#e3e8ee}
input{font-size:1rem;padding:.4rem;width:100%;box-sizing:border-box;margin:.25rem 0 1rem}
.hint{color:#697386;font-size:.85rem}.row{display:flex;gap:1rem}.row label{flex:1}`;

function cardFields(): string {
  return `<fieldset style="border:0;padding:0;margin:0 0 .5rem">
<legend>Card</legend>
<label>Card number<input name="card_number" inputmode="numeric" autocomplete="cc-number" value="4242 4242 4242 4242" required></label>
<div class="row"><label>Expiry (MM / YY)<input name="card_expiry" autocomplete="cc-exp" value="12 / 34" required></label>
<label>CVC<input name="card_cvc" inputmode="numeric" autocomplete="cc-csc" value="123"></label></div>
<p class="hint">Test cards: 4242 4242 4242 4242 (Visa), 5555 5555 5555 4444 (Mastercard), 4000 0000 0000 0002 (declined).</p>
</fieldset>`;
}

/**
 * The hosted checkout page: who sells to whom, a way back, what is bought, the total, a card
 * form and the "Pay" (card), "Bank debit" (an asynchronous payment, settled later) and
 * "Cancel" buttons. In setup mode it only saves a card ("Save card"), with no amount.
 */
export function checkoutPage(session: Stripe.Checkout.Session, lineItems: Stripe.LineItem[], context: PageContext, error?: string): string {
  const currency = session.currency ?? "usd";
  const setup = session.mode === "setup";
  const rows = lineItems
    .map((li) => {
      const price = li.price;
      const every = price?.recurring
        ? ` / ${price.recurring.interval_count > 1 ? `${price.recurring.interval_count} ${price.recurring.interval}s` : price.recurring.interval}`
        : "";
      const unit = formatMoney(price?.unit_amount ?? 0, currency);
      return `<tr><td>${escapeHtml(li.description ?? "")}</td><td class="num">${li.quantity ?? 1} × ${unit}${every}</td><td class="num">${formatMoney(li.amount_total, currency)}</td></tr>`;
    })
    .join("\n");
  const open = session.status === "open";
  const needsEmail = open && !setup && !session.customer && !session.customer_email;
  const title = setup ? "Save a card" : session.mode === "subscription" ? "Subscribe" : "Pay";
  const merchant = escapeHtml(context.merchant);
  const account = context.account ? escapeHtml(context.account) : null;
  const lead = setup
    ? `<p>Save a card for <span class="merchant">${merchant}</span>${account ? ` to charge for <strong>${account}</strong>` : ""}. Nothing is charged now; it pays future invoices.</p>`
    : `<p>Pay <span class="merchant">${merchant}</span>${account ? ` for <strong>${account}</strong>` : ""}.</p>`;
  const summary = setup
    ? ""
    : `<table>
<thead><tr><th>Item</th><th class="num">Price</th><th class="num">Amount</th></tr></thead>
<tbody>
${rows}
</tbody>
<tfoot><tr class="total"><td colspan="2">Total due today</td><td class="num" data-testid="total">${formatMoney(session.amount_total ?? 0, currency)}</td></tr></tfoot>
</table>`;
  const buttons = setup
    ? `<button class="pay" type="submit" name="method" value="card">Save card</button>`
    : `<button class="pay" type="submit" name="method" value="card">Pay</button>
<button class="debit" type="submit" name="method" value="bank_debit" formnovalidate>Bank debit</button>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${title} · ${merchant} – Stripe emulator</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<style>
${STYLE}
</style>
</head>
<body>
<main>
${session.cancel_url && open ? `<a class="back" href="${escapeHtml(session.cancel_url)}">← Back to ${merchant}</a>` : ""}
<p class="badge">Stripe emulator · test mode</p>
<h1>${title}</h1>
${lead}
${session.customer_email ? `<p>Account: ${escapeHtml(session.customer_email)}</p>` : ""}
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ""}
${summary}
${
  open
    ? `<form method="post" action="/checkout/${session.id}/pay">
${needsEmail ? `<label>Email<input type="email" name="email" value="customer@example.com" required></label>` : ""}
${cardFields()}
${buttons}
</form>
<form method="post" action="/checkout/${session.id}/cancel"><button class="cancel" type="submit">Cancel</button></form>`
    : `<p>This checkout session is ${escapeHtml(String(session.status))}.</p>`
}
</main>
</body>
</html>`;
}

export function messagePage(title: string, message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><link rel="icon" href="/favicon.svg" type="image/svg+xml"></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body></html>`;
}
