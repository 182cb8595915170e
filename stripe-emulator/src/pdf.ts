import PDFDocument from "pdfkit";
import type Stripe from "stripe";
import { formatDay, formatMoney } from "./money";
import { taxIdLabel } from "./pages/invoice-page";

/**
 * The invoice as a real PDF: number, dates, who is billed (name, email, tax IDs), every
 * line and the totals.
 */
export function invoicePdf(invoice: Stripe.Invoice): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", margin: 50, info: { Title: `Invoice ${invoice.number ?? invoice.id}` } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const money = (cents: number) => formatMoney(cents, invoice.currency);
  doc.font("Helvetica-Bold").fontSize(22).text("Invoice");
  doc.moveDown(0.5).font("Helvetica").fontSize(10);
  doc.text(`Invoice number: ${invoice.number ?? "draft"}`);
  doc.text(`Date of issue: ${formatDay(invoice.status_transitions.finalized_at ?? invoice.created)}`);
  if (invoice.status_transitions.paid_at) doc.text(`Paid on: ${formatDay(invoice.status_transitions.paid_at)}`);
  doc.text(`Status: ${invoice.status}`);
  doc.moveDown();
  doc.font("Helvetica-Bold").text(invoice.account_name ?? "Stripe emulator");
  doc.moveDown();
  doc.font("Helvetica-Bold").text("Bill to");
  doc.font("Helvetica");
  if (invoice.customer_name) doc.text(invoice.customer_name);
  if (invoice.customer_email) doc.text(invoice.customer_email);
  for (const t of invoice.customer_tax_ids ?? []) doc.text(`${taxIdLabel(t.type)} ${t.value ?? ""}`);
  doc.moveDown(1.5);

  const left = 50;
  const columns = { qty: 340, unit: 390, amount: 470 };
  const header = doc.y;
  doc.font("Helvetica-Bold");
  doc.text("Description", left, header, { width: 280 });
  doc.text("Qty", columns.qty, header, { width: 40, align: "right" });
  doc.text("Amount", columns.amount, header, { width: 75, align: "right" });
  doc.font("Helvetica");
  doc.moveDown(0.5);
  for (const line of invoice.lines.data) {
    const y = doc.y;
    doc.text(line.description ?? "", left, y, { width: 280 });
    const below = doc.y;
    doc
      .fontSize(8)
      .fillColor("#555")
      .text(`${formatDay(line.period.start)} – ${formatDay(line.period.end)}`, left, below, { width: 280 });
    doc.fontSize(10).fillColor("#000");
    const end = doc.y;
    doc.text(String(line.quantity ?? ""), columns.qty, y, { width: 40, align: "right" });
    doc.text(money(line.amount), columns.amount, y, { width: 75, align: "right" });
    doc.y = end + 6;
  }
  doc.moveDown();
  const totals: [string, number][] = [
    ["Subtotal", invoice.subtotal],
    // The same Tax line as the console's (the sum of total_taxes; $0.00 without tax).
    ["Tax", (invoice.total_taxes ?? []).reduce((sum, t) => sum + t.amount, 0)],
    ["Total", invoice.total],
    ["Amount paid", invoice.amount_paid],
    ["Amount due", invoice.amount_remaining],
  ];
  for (const [label, cents] of totals) {
    const y = doc.y;
    doc.text(label, columns.unit - 60, y, { width: 120 });
    doc.text(money(cents), columns.amount, y, { width: 75, align: "right" });
  }
  doc.end();
  return done;
}
