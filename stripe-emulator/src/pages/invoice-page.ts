import type Stripe from "stripe";
import { escapeHtml, formatDay, formatMoney } from "../money";

export function taxIdLabel(type: string): string {
  return type.replace(/_/g, " ").toUpperCase();
}

/** The hosted invoice page (`hosted_invoice_url`): an HTML view of what the PDF shows. */
export function invoicePage(invoice: Stripe.Invoice): string {
  const money = (cents: number) => formatMoney(cents, invoice.currency);
  const lines = invoice.lines.data
    .map(
      (l) =>
        `<tr><td>${escapeHtml(l.description ?? "")}<br><small>${formatDay(l.period.start)} – ${formatDay(l.period.end)}</small></td><td class="num">${l.quantity ?? ""}</td><td class="num">${money(l.amount)}</td></tr>`,
    )
    .join("\n");
  const taxIds = (invoice.customer_tax_ids ?? [])
    .map((t) => `<div>${escapeHtml(taxIdLabel(t.type))} ${escapeHtml(t.value ?? "")}</div>`)
    .join("");
  const paidAt = invoice.status_transitions.paid_at;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Invoice ${escapeHtml(invoice.number ?? invoice.id)}</title>
<style>
body{font-family:system-ui,sans-serif;background:#f6f8fa;margin:0;padding:2rem;color:#1a1f36}
main{max-width:40rem;margin:auto;background:#fff;border-radius:8px;padding:2rem;box-shadow:0 1px 4px #0002}
table{width:100%;border-collapse:collapse}td,th{padding:.5rem 0;border-bottom:1px solid #e3e8ee;text-align:left}.num{text-align:right}
.status{text-transform:uppercase;font-size:.8rem;background:#e3e8ee;padding:2px 8px;border-radius:4px}
</style>
</head>
<body>
<main>
<h1>Invoice ${escapeHtml(invoice.number ?? "(draft)")} <span class="status">${escapeHtml(String(invoice.status))}</span></h1>
<p>Issued ${formatDay(invoice.status_transitions.finalized_at ?? invoice.created)}${paidAt ? ` · paid ${formatDay(paidAt)}` : ""}</p>
<h2>Bill to</h2>
<div>${escapeHtml(invoice.customer_name ?? "")}</div>
<div>${escapeHtml(invoice.customer_email ?? "")}</div>
${taxIds}
<table>
<thead><tr><th>Description</th><th class="num">Qty</th><th class="num">Amount</th></tr></thead>
<tbody>
${lines}
</tbody>
</table>
<p>Subtotal: ${money(invoice.subtotal)}<br>Total: ${money(invoice.total)}<br>Amount paid: ${money(invoice.amount_paid)}<br><strong>Amount due: ${money(invoice.amount_remaining)}</strong></p>
${invoice.invoice_pdf ? `<p><a href="${escapeHtml(invoice.invoice_pdf)}">Download PDF</a></p>` : ""}
</main>
</body>
</html>`;
}
