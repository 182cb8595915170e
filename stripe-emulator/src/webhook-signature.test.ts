import Stripe from "stripe";
import { signatureHeader } from "./webhook-signature";

describe("signatureHeader", () => {
  const stripe = new Stripe("sk_test_x");
  const payload = JSON.stringify({ id: "evt_1", object: "event", type: "invoice.paid" }, null, 2);
  const secret = "whsec_test_secret";

  it("is accepted by stripe.webhooks.constructEvent", () => {
    const header = signatureHeader(payload, secret, Math.floor(Date.now() / 1000));
    const event = stripe.webhooks.constructEvent(payload, header, secret);
    expect(event.id).toBe("evt_1");
  });

  it("is rejected with another secret, a changed payload or an old timestamp", () => {
    const now = Math.floor(Date.now() / 1000);
    expect(() => stripe.webhooks.constructEvent(payload, signatureHeader(payload, "whsec_other", now), secret)).toThrow();
    expect(() => stripe.webhooks.constructEvent(`${payload} `, signatureHeader(payload, secret, now), secret)).toThrow();
    expect(() => stripe.webhooks.constructEvent(payload, signatureHeader(payload, secret, now - 3600), secret)).toThrow(
      /Timestamp outside the tolerance zone/,
    );
  });

  it("has Stripe's header format", () => {
    expect(signatureHeader("{}", secret, 1700000000)).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
  });
});
