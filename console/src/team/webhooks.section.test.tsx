import { fireEvent, screen, within } from "@testing-library/react";
import {
  CreateWebhookEndpointDocument,
  DeleteWebhookEndpointDocument,
  PingWebhookEndpointDocument,
  RedeliverWebhookDocument,
  type WebhookDeliveryItemFragment,
  type WebhookEndpointItemFragment,
} from "../gql/graphql";
import { acme, signedInMocks } from "../test/fixtures";
import { renderApp } from "../test/render-app";
import { deliveryCursor, managerTeamMocks, typed, webhookDeliveriesMock, webhookEndpointsMock } from "../test/team.fixtures";

const SECRET = "whsec_c2VjcmV0LW9ubHktc2hvd24tb25jZQ==";
const section = () => screen.getByRole("region", { name: "Webhooks" });
const endpointsTable = () => within(section()).getByRole("table", { name: "Webhook endpoints" });
const log = () => within(section()).getByRole("table", { name: "Webhook deliveries" });
const notifications = () => screen.getByRole("region", { name: "Notifications" });

const partner: WebhookEndpointItemFragment = {
  id: "ep_partner",
  url: "https://partner.example.com/hooks",
  eventTypes: [],
  createdAt: "2026-02-01T10:00:00.000Z",
  disabled: false,
  failingSince: null,
};
const billingOnly: WebhookEndpointItemFragment = {
  id: "ep_billing",
  url: "https://erp.example.com/in",
  eventTypes: ["invoice.paid", "invoice.payment_failed"],
  createdAt: "2026-02-02T10:00:00.000Z",
  disabled: true,
  failingSince: "2026-02-10T08:00:00.000Z",
};

const delivery = (over: Partial<WebhookDeliveryItemFragment>): WebhookDeliveryItemFragment => ({
  id: "del_1",
  eventId: "evt_1",
  eventType: "plan.changed",
  endpointId: partner.id,
  status: "SUCCEEDED",
  attempts: 1,
  lastAttemptAt: "2026-02-20T10:00:01.000Z",
  lastResponseStatus: 200,
  lastError: null,
  nextAttemptAt: null,
  createdAt: "2026-02-20T10:00:00.000Z",
  ...over,
});
const failing = delivery({
  id: "del_2",
  eventId: "evt_2",
  eventType: "invoice.paid",
  endpointId: billingOnly.id,
  status: "PENDING",
  attempts: 3,
  lastResponseStatus: 500,
  lastError: "HTTP 500",
  nextAttemptAt: "2026-02-20T12:00:00.000Z",
  createdAt: "2026-02-20T09:00:00.000Z",
});
const old = delivery({
  id: "del_0",
  eventId: "evt_0",
  eventType: "seats.changed",
  endpointId: "ep_removed",
  createdAt: "2026-02-01T09:00:00.000Z",
});

/** Team settings for an ADMIN, with these endpoints and this first page of the delivery log (the section's own mocks first). */
async function openTeam(
  endpoints: WebhookEndpointItemFragment[] = [partner, billingOnly],
  deliveries: Parameters<typeof webhookDeliveriesMock>[0] = { deliveries: [delivery({}), failing] },
  extra: Parameters<typeof renderApp>[1] = [],
) {
  const view = renderApp("/orgs/org_acme/team", [
    ...signedInMocks([acme]),
    webhookEndpointsMock(endpoints),
    webhookDeliveriesMock(deliveries),
    // Before the page's defaults: what a refetch answers here comes from `extra`.
    ...extra,
    ...managerTeamMocks("ADMIN"),
  ]);
  await screen.findByRole("region", { name: "Webhooks" });
  return view;
}

describe("Webhooks in Team settings", () => {
  it("lists endpoints with what they receive and whether they answer, and the delivery log in words", async () => {
    await openTeam();
    const partnerRow = await within(endpointsTable()).findByRole("row", { name: /partner\.example\.com/ });
    expect(partnerRow.textContent).toContain("All events");
    expect(partnerRow.textContent).toContain("Active");
    const erpRow = within(endpointsTable()).getByRole("row", { name: /erp\.example\.com/ });
    expect(
      within(within(erpRow).getByRole("list", { name: "Events sent to https://erp.example.com/in" })).getAllByRole("listitem"),
    ).toHaveLength(2);
    expect(erpRow.textContent).toMatch(/Disabled failing since Feb 10, 2026/);
    expect(erpRow.textContent).toContain("A successful test event turns it back on.");

    const rows = within(await within(section()).findByRole("table", { name: "Webhook deliveries" }))
      .getAllByRole("row")
      .slice(1);
    expect(rows[0].textContent).toContain("plan.changed");
    expect(rows[0].textContent).toContain("https://partner.example.com/hooks");
    expect(rows[0].textContent).toContain("Succeeded");
    expect(rows[0].textContent).toContain("HTTP 200");
    expect(rows[1].textContent).toContain("invoice.paid");
    expect(rows[1].textContent).toMatch(/Pending next try Feb 20, 2026/);
    expect(within(rows[1]).getAllByRole("cell")[3].textContent).toBe("3");
    expect(rows[1].textContent).toContain("HTTP 500");
    expect(within(rows[1]).getByRole("button", { name: "Redeliver invoice.paid to https://erp.example.com/in" })).toBeTruthy();
  });

  it("shows the signing secret once, with a copy button, and never keeps it", async () => {
    const created: WebhookEndpointItemFragment = {
      ...partner,
      id: "ep_new",
      url: "https://new.example.com/hooks",
      eventTypes: ["plan.changed"],
    };
    const { cache } = await openTeam([], { deliveries: [] }, [
      {
        request: { query: CreateWebhookEndpointDocument, variables: { orgId: acme.id, url: created.url, eventTypes: ["plan.changed"] } },
        result: {
          data: { createWebhookEndpoint: { __typename: "CreatedWebhookEndpoint", secret: SECRET, endpoint: typed.endpoint(created) } },
        },
      },
    ]);
    expect(await within(section()).findByText("No webhook endpoints yet.")).toBeTruthy();
    expect(within(section()).getByText(/Nothing sent yet/)).toBeTruthy();
    const form = within(section()).getByRole("form", { name: "Add an endpoint" });

    // Checked first: a full address, and a type when not all.
    fireEvent.change(within(form).getByLabelText("Endpoint URL"), { target: { value: "new.example.com" } });
    fireEvent.click(within(form).getByRole("radio", { name: "Only these:" }));
    fireEvent.click(within(form).getByRole("button", { name: "Add endpoint" }));
    expect(within(form).getByText("Enter a full address, starting with https://.")).toBeTruthy();
    expect(within(form).getByText("Pick at least one event type, or choose All events.")).toBeTruthy();
    expect(document.activeElement).toBe(within(form).getByLabelText("Endpoint URL"));

    fireEvent.change(within(form).getByLabelText("Endpoint URL"), { target: { value: created.url } });
    fireEvent.click(within(form).getByRole("checkbox", { name: /plan\.changed/ }));
    fireEvent.click(within(form).getByRole("button", { name: "Add endpoint" }));

    const title = await screen.findByRole("heading", { name: `Copy the signing secret for ${created.url} now` });
    const callout = title.parentElement as HTMLElement;
    expect(within(callout).getByText(SECRET)).toBeTruthy();
    expect(callout.textContent).toContain("It will not be shown again");
    expect(within(callout).getByRole("button", { name: "Copy secret" })).toBeTruthy();
    expect(document.activeElement).toBe(title);
    expect(within(endpointsTable()).getByRole("row", { name: /new\.example\.com/ }).textContent).toContain("plan.changed");
    expect(JSON.stringify(cache.extract())).not.toContain(SECRET);

    fireEvent.click(within(callout).getByRole("button", { name: "Done, I've saved it" }));
    expect(screen.queryByText(SECRET)).toBeNull();
  });

  it("sends a test event and shows its answer; the log asks for its first page again", async () => {
    const ping = delivery({
      id: "del_ping",
      eventId: "evt_ping",
      eventType: "ping",
      status: "FAILED",
      lastResponseStatus: null,
      lastError: "connection refused",
    });
    await openTeam([partner], { deliveries: [delivery({})] }, [
      {
        request: { query: PingWebhookEndpointDocument, variables: { orgId: acme.id, endpointId: partner.id } },
        result: { data: { pingWebhookEndpoint: typed.delivery(ping) } },
      },
      webhookDeliveriesMock({ deliveries: [ping, delivery({})] }),
      webhookEndpointsMock([{ ...partner, failingSince: "2026-02-21T10:00:00.000Z" }]),
    ]);
    const row = await within(endpointsTable()).findByRole("row", { name: /partner\.example\.com/ });
    fireEvent.click(within(row).getByRole("button", { name: "Send test event to https://partner.example.com/hooks" }));

    expect(await within(row).findByText("Test event failed: connection refused")).toBeTruthy();
    expect(await within(log()).findByText("ping")).toBeTruthy();
    expect(within(log()).getAllByRole("row")).toHaveLength(3);
    expect((await within(endpointsTable()).findByRole("row", { name: /partner\.example\.com/ })).textContent).toMatch(/Failing since/);
  });

  it("redelivers a delivery in place, and pages to older ones", async () => {
    await openTeam([partner, billingOnly], { deliveries: [delivery({}), failing], hasNextPage: true }, [
      {
        request: { query: RedeliverWebhookDocument, variables: { orgId: acme.id, deliveryId: failing.id } },
        result: {
          data: {
            redeliverWebhook: typed.delivery({
              ...failing,
              status: "SUCCEEDED",
              attempts: 4,
              lastResponseStatus: 204,
              lastError: null,
              nextAttemptAt: null,
            }),
          },
        },
      },
      webhookEndpointsMock([partner, { ...billingOnly, disabled: false, failingSince: null }]),
      webhookDeliveriesMock({ deliveries: [old], after: deliveryCursor(failing) }),
    ]);
    const row = await within(await within(section()).findByRole("table", { name: "Webhook deliveries" })).findByRole("row", {
      name: /invoice\.paid/,
    });
    fireEvent.click(within(row).getByRole("button", { name: "Redeliver invoice.paid to https://erp.example.com/in" }));
    expect(await within(notifications()).findByText("Redelivered invoice.paid to https://erp.example.com/in: HTTP 204.")).toBeTruthy();
    expect(row.textContent).toContain("Succeeded");
    expect(within(row).getAllByRole("cell")[3].textContent).toBe("4");

    fireEvent.click(within(section()).getByRole("button", { name: "Show older deliveries" }));
    const older = await within(log()).findByRole("row", { name: /seats\.changed/ });
    // Its endpoint was removed since.
    expect(older.textContent).toContain("A removed endpoint");
    expect(within(log()).getAllByRole("row")).toHaveLength(4);
    expect(within(section()).queryByRole("button", { name: "Show older deliveries" })).toBeNull();
  });

  it("removes an endpoint after confirmation", async () => {
    await openTeam([partner], { deliveries: [] }, [
      {
        request: { query: DeleteWebhookEndpointDocument, variables: { orgId: acme.id, endpointId: partner.id } },
        result: { data: { deleteWebhookEndpoint: true } },
      },
    ]);
    const row = await within(endpointsTable()).findByRole("row", { name: /partner\.example\.com/ });
    fireEvent.click(within(row).getByRole("button", { name: "Remove https://partner.example.com/hooks" }));
    const dialog = screen.getByRole("dialog", { name: "Remove this webhook endpoint?" });
    expect(dialog.textContent).toContain("Nothing more is sent to https://partner.example.com/hooks");
    fireEvent.click(within(dialog).getByRole("button", { name: "Remove endpoint" }));
    expect(await within(section()).findByText("No webhook endpoints yet.")).toBeTruthy();
    expect(within(notifications()).getByText("Removed the webhook endpoint https://partner.example.com/hooks.")).toBeTruthy();
  });

  it("opens from the disabled-endpoint mail's link (…/settings/webhooks) on Team settings", async () => {
    renderApp("/orgs/org_acme/settings/webhooks", [...signedInMocks([acme]), ...managerTeamMocks("OWNER")]);
    expect(await screen.findByRole("heading", { level: 1, name: "Team settings" })).toBeTruthy();
    expect(await screen.findByRole("region", { name: "Webhooks" })).toBeTruthy();
  });
});
