import { WEBHOOK_EVENTS } from "@team-billing/shared";
import { deliveryStatus, endpointUrlProblem, eventTypesWords, lastResponseWords, WEBHOOK_EVENT_TYPES } from "./webhook-words";

describe("webhooks in words", () => {
  it("offers every event type the server sends but ping (that is the test button's)", () => {
    expect(WEBHOOK_EVENT_TYPES).toHaveLength(WEBHOOK_EVENTS.length - 1);
    expect(WEBHOOK_EVENT_TYPES.map((t) => t.type)).not.toContain("ping");
    expect(WEBHOOK_EVENT_TYPES.every((t) => t.description.length > 0)).toBe(true);
    expect(eventTypesWords([])).toBe("All events");
    expect(eventTypesWords(["plan.changed", "invoice.paid"])).toBe("plan.changed, invoice.paid");
  });

  it("words a delivery's status and its last answer", () => {
    expect(deliveryStatus("SUCCEEDED")).toEqual({ label: "Succeeded", tone: "good" });
    expect(deliveryStatus("FAILED")).toEqual({ label: "Failed", tone: "bad" });
    expect(deliveryStatus("PENDING")).toEqual({ label: "Pending", tone: "neutral" });
    expect(deliveryStatus("PAUSED")).toEqual({ label: "PAUSED", tone: "neutral" });
    expect(lastResponseWords({ attempts: 0 })).toBe("Not sent yet");
    expect(lastResponseWords({ attempts: 1, lastResponseStatus: 200, lastError: null })).toBe("HTTP 200");
    // The server's error repeats the status: said once.
    expect(lastResponseWords({ attempts: 2, lastResponseStatus: 500, lastError: "HTTP 500" })).toBe("HTTP 500");
    expect(lastResponseWords({ attempts: 1, lastResponseStatus: null, lastError: "connection refused" })).toBe("connection refused");
    expect(lastResponseWords({ attempts: 1, lastResponseStatus: 410, lastError: "endpoint removed" })).toBe("HTTP 410: endpoint removed");
  });

  it("checks an endpoint's address as far as the browser can", () => {
    expect(endpointUrlProblem("")).toMatch(/Enter the address/);
    expect(endpointUrlProblem("receiver.example")).toBe("Enter a full address, starting with https://.");
    expect(endpointUrlProblem("ftp://receiver.example/x")).toBe("The address must start with https://.");
    expect(endpointUrlProblem(" https://hooks.example.com/team-billing ")).toBeNull();
    // Plain http is the server's to refuse (allowed to local addresses on a dev server).
    expect(endpointUrlProblem("http://127.0.0.1:8080/hooks")).toBeNull();
  });
});
