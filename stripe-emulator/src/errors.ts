/** Stripe's error envelope: `{ error: { type, code, message, param } }` with an HTTP status. */
export type StripeErrorType = "invalid_request_error" | "api_error" | "card_error" | "idempotency_error";

export interface ErrorDetails {
  code?: string;
  param?: string;
  decline_code?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: StripeErrorType,
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
  }

  toBody(): { error: Record<string, string> } {
    const error: Record<string, string> = { type: this.type, message: this.message };
    if (this.details.code) error.code = this.details.code;
    if (this.details.param) error.param = this.details.param;
    if (this.details.decline_code) error.decline_code = this.details.decline_code;
    if (this.details.code) error.doc_url = `https://stripe.com/docs/error-codes/${this.details.code.replace(/_/g, "-")}`;
    return { error };
  }
}

/**
 * A request rejected before the endpoint began executing (bad or unknown parameters).
 * Stripe does not store these under an idempotency key, so a corrected retry may reuse it.
 */
export class ParamError extends ApiError {
  constructor(message: string, details: ErrorDetails = {}) {
    super(400, "invalid_request_error", message, details);
  }
}

export function invalidRequest(message: string, param?: string, code?: string): ApiError {
  return new ApiError(400, "invalid_request_error", message, { param, code });
}

/**
 * Stripe answers 404 for an unknown id in the URL (`param` "id"), but 400 for an unknown id
 * inside the request's parameters (a price in `line_items[0][price]`): both `resource_missing`.
 */
export function notFound(what: string, id: string, param = "id"): ApiError {
  return new ApiError(param === "id" ? 404 : 400, "invalid_request_error", `No such ${what}: '${id}'`, {
    code: "resource_missing",
    param,
  });
}

export function cardDeclined(): ApiError {
  return new ApiError(402, "card_error", "Your card was declined.", {
    code: "card_declined",
    decline_code: "generic_decline",
  });
}
