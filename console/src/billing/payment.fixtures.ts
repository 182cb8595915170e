import type { MockLink } from "@apollo/client/testing";
import {
  CompletePaymentMethodUpdateDocument,
  OrgNextInvoiceDocument,
  OrgOwnerDocument,
  OrgPaymentMethodDocument,
  StartPaymentMethodUpdateDocument,
} from "../gql/graphql";
import { acme } from "../test/fixtures";

/** Test data for the card, next-invoice and owner-contact sections (MockedProvider). */
export const visa = { __typename: "PaymentMethod" as const, brand: "visa", last4: "4242", expMonth: 12, expYear: 2034 };
export const mastercard = { __typename: "PaymentMethod" as const, brand: "mastercard", last4: "4444", expMonth: 8, expYear: 2031 };

export const paymentMethodMock = (card: typeof visa | null = visa): MockLink.MockedResponse => ({
  request: { query: OrgPaymentMethodDocument, variables: { orgId: acme.id } },
  result: { data: { org: { __typename: "Org", id: acme.id, paymentMethod: card } } },
});

export const startCardUpdateMock = (url: string): MockLink.MockedResponse => ({
  request: { query: StartPaymentMethodUpdateDocument, variables: { orgId: acme.id } },
  result: { data: { startPaymentMethodUpdate: { __typename: "CheckoutSession", id: "cs_test_setup", url } } },
});

export const completeCardUpdateMock = (sessionId: string, card: typeof visa = mastercard): MockLink.MockedResponse => ({
  request: { query: CompletePaymentMethodUpdateDocument, variables: { orgId: acme.id, sessionId } },
  result: { data: { completePaymentMethodUpdate: { __typename: "Org", id: acme.id, paymentMethod: card } } },
});

const line = (description: string, amount: number, proration = false) => ({
  __typename: "InvoiceLine" as const,
  description,
  amount,
  proration,
});

export const renewal = {
  __typename: "InvoicePreview" as const,
  amountDue: 9_231,
  total: 9_231,
  currency: "usd",
  date: "2026-02-01T00:00:00.000Z",
  lines: [
    line("Unused time on 3 × Team seat after 15 Jan 2026", -619, true),
    line("Remaining time on 4 × Team seat after 15 Jan 2026", 850, true),
    line("1 × Team (at $49.00 / month)", 4_900),
    line("4 × Team seat (at $12.00 / month)", 4_800),
  ],
};

export const nextInvoiceMock = (next: typeof renewal | null = renewal): MockLink.MockedResponse => ({
  request: { query: OrgNextInvoiceDocument, variables: { orgId: acme.id } },
  result: { data: { org: { __typename: "Org", id: acme.id, nextInvoice: next } } },
});

export const ownerMock = (): MockLink.MockedResponse => ({
  request: { query: OrgOwnerDocument, variables: { orgId: acme.id } },
  result: {
    data: {
      org: {
        __typename: "Org",
        id: acme.id,
        members: [
          {
            __typename: "Member",
            id: "mem_owner",
            role: "OWNER",
            user: { __typename: "User", id: "usr_olivia", name: "Olivia Owner", email: "olivia@acme.test" },
          },
        ],
      },
    },
  },
});

/** What the sections added to Billing ask for, by the reader's role (OWNER and ADMIN see the card and the next invoice). */
export function paymentSectionMocks(role: "OWNER" | "ADMIN" | "MEMBER", onTeam = true): MockLink.MockedResponse[] {
  const manager = role !== "MEMBER";
  return [...(manager && onTeam ? [paymentMethodMock(), nextInvoiceMock()] : []), ...(role !== "OWNER" ? [ownerMock(), ownerMock()] : [])];
}
