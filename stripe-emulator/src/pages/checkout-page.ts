import type Stripe from "stripe";
import { escapeHtml, formatMoney } from "../money";

/**
 * The hosted checkout page: what is bought, the total, and the "Pay" (card), "Bank debit" (an
 * asynchronous payment, settled later) and "Cancel" buttons.
 */
export function checkoutPage(session: Stripe.Checkout.Session, lineItems: Stripe.LineItem[], error?: string): string {
  const currency = session.currency ?? "usd";
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
  const needsEmail = open && !session.customer && !session.customer_email;
  const title = session.mode === "subscription" ? "Subscribe" : "Pay";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${title} – Stripe emulator</title>
<style>
body{font-family:system-ui,sans-serif;background:#f6f8fa;margin:0;padding:2rem;color:#1a1f36}
main{max-width:34rem;margin:auto;background:#fff;border-radius:8px;padding:2rem;box-shadow:0 1px 4px #0002}
.badge{display:inline-block;background:#ffde92;color:#5c3b00;border-radius:4px;padding:2px 8px;font-size:.8rem}
table{width:100%;border-collapse:collapse;margin:1rem 0}td,th{padding:.5rem 0;border-bottom:1px solid #e3e8ee;text-align:left}
.num{text-align:right}.total td{font-weight:600;border-bottom:none}
.error{background:#fde8e8;color:#9b1c1c;padding:.75rem;border-radius:4px}
form{display:inline}button{font-size:1rem;padding:.6rem 1.4rem;border-radius:6px;border:0;margin-right:.5rem;cursor:pointer}
.pay{background:#635bff;color:#fff}.debit{background:#fff;color:#635bff;border:1px solid #635bff}.cancel{background:#e3e8ee}
input{font-size:1rem;padding:.4rem;width:100%;box-sizing:border-box;margin:.25rem 0 1rem}
</style>
</head>
<body>
<main>
<p class="badge">Stripe emulator · test mode</p>
<h1>${title}</h1>
${session.customer_email ? `<p>Account: ${escapeHtml(session.customer_email)}</p>` : ""}
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ""}
<table>
<thead><tr><th>Item</th><th class="num">Price</th><th class="num">Amount</th></tr></thead>
<tbody>
${rows}
</tbody>
<tfoot><tr class="total"><td colspan="2">Total due today</td><td class="num" data-testid="total">${formatMoney(session.amount_total ?? 0, currency)}</td></tr></tfoot>
</table>
${
  open
    ? `<form method="post" action="/checkout/${session.id}/pay">
${needsEmail ? `<label>Email<input type="email" name="email" value="customer@example.com" required></label>` : ""}
<button class="pay" type="submit" name="method" value="card">Pay</button>
<button class="debit" type="submit" name="method" value="bank_debit">Bank debit</button>
</form>
<form method="post" action="/checkout/${session.id}/cancel"><button class="cancel" type="submit">Cancel</button></form>`
    : `<p>This checkout session is ${escapeHtml(String(session.status))}.</p>`
}
</main>
</body>
</html>`;
}

export function messagePage(title: string, message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body></html>`;
}
