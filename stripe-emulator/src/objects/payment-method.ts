import type Stripe from "stripe";
import { ApiError } from "../errors";
import { newId, randomToken } from "../ids";

/** What the hosted page's card form was given. */
export interface CardInput {
  number: string;
  expMonth: number;
  expYear: number;
}

/** The card the page fills in: Stripe's test Visa. */
export const DEFAULT_CARD: CardInput = { number: "4242424242424242", expMonth: 12, expYear: 2034 };

/** Stripe's test number that always declines. */
const DECLINING_NUMBER = "4000000000000002";

/** The network of a card number, by its leading digits (as Stripe reports `card.brand`). */
export function cardBrand(number: string): string {
  if (/^4/.test(number)) return "visa";
  if (/^(5[1-5]|2(2[2-9]|[3-6]\d|7[01]|720))/.test(number)) return "mastercard";
  if (/^3[47]/.test(number)) return "amex";
  if (/^(6011|65|64[4-9])/.test(number)) return "discover";
  if (/^35/.test(number)) return "jcb";
  if (/^(36|30[0-5])/.test(number)) return "diners";
  return "unknown";
}

function luhnValid(number: string): boolean {
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let d = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function cardError(message: string, code: string, declineCode?: string): ApiError {
  return new ApiError(402, "card_error", message, { code, ...(declineCode ? { decline_code: declineCode } : {}) });
}

/**
 * Reads the card form ("4242 4242 4242 4242", "12 / 34"): digits only, Luhn-checked, a
 * month 1–12 and a year not past. Errors are Stripe's card errors (402), shown on the page.
 */
export function parseCard(rawNumber: string | undefined, rawExpiry: string | undefined, now: number): CardInput {
  if (rawNumber === undefined && rawExpiry === undefined) return DEFAULT_CARD;
  const number = (rawNumber ?? DEFAULT_CARD.number).replace(/[\s-]/g, "");
  if (!/^\d{12,19}$/.test(number) || !luhnValid(number)) throw cardError("Your card number is invalid.", "invalid_number");
  let expMonth = DEFAULT_CARD.expMonth;
  let expYear = DEFAULT_CARD.expYear;
  if (rawExpiry !== undefined && rawExpiry.trim() !== "") {
    const m = /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(rawExpiry);
    if (!m || Number(m[1]) < 1 || Number(m[1]) > 12) throw cardError("Your card's expiration date is invalid.", "invalid_expiry_month");
    expMonth = Number(m[1]);
    expYear = m[2].length === 2 ? 2000 + Number(m[2]) : Number(m[2]);
    const today = new Date(now * 1000);
    const [year, month] = [today.getUTCFullYear(), today.getUTCMonth() + 1];
    if (expYear < year || (expYear === year && expMonth < month)) throw cardError("Your card has expired.", "expired_card");
  }
  if (number === DECLINING_NUMBER) throw cardError("Your card was declined.", "card_declined", "generic_decline");
  return { number, expMonth, expYear };
}

export function buildPaymentMethod(card: CardInput, customer: string | null, email: string | null, now: number): Stripe.PaymentMethod {
  const brand = cardBrand(card.number);
  return {
    id: newId("pm"),
    object: "payment_method",
    allow_redisplay: "unspecified",
    billing_details: { address: null, email, name: null, phone: null, tax_id: null },
    card: {
      brand,
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: "pass" },
      country: "US",
      display_brand: brand,
      exp_month: card.expMonth,
      exp_year: card.expYear,
      // The same number always has the same fingerprint, as in Stripe.
      fingerprint: Buffer.from(card.number).toString("base64url").slice(0, 16),
      funding: "credit",
      generated_from: null,
      last4: card.number.slice(-4),
      networks: { available: [brand], preferred: null },
      regulated_status: "unregulated",
      three_d_secure_usage: { supported: true },
      wallet: null,
    },
    created: now,
    customer,
    customer_account: null,
    livemode: false,
    metadata: {},
    type: "card",
  } satisfies Stripe.PaymentMethod;
}

export function buildSetupIntent(input: {
  customer: string | null;
  paymentMethod: string;
  metadata: Record<string, string>;
  description: string | null;
  now: number;
}): Stripe.SetupIntent {
  const id = newId("seti");
  return {
    id,
    object: "setup_intent",
    allowed_payment_method_types: null,
    application: null,
    automatic_payment_methods: null,
    cancellation_reason: null,
    client_secret: `${id}_secret_${randomToken(24)}`,
    created: input.now,
    customer: input.customer,
    description: input.description,
    excluded_payment_method_types: null,
    last_setup_error: null,
    latest_attempt: null,
    livemode: false,
    mandate: null,
    metadata: input.metadata,
    next_action: null,
    on_behalf_of: null,
    payment_method: input.paymentMethod,
    payment_method_configuration_details: null,
    payment_method_options: { card: { mandate_options: null, network: null, request_three_d_secure: "automatic" } },
    payment_method_types: ["card"],
    single_use_mandate: null,
    status: "succeeded",
    usage: "off_session",
  } satisfies Stripe.SetupIntent;
}
