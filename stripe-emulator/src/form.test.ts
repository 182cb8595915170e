import { decodeForm, encodeForm, parseKey } from "./form";
import { ParamError } from "./errors";

describe("decodeForm", () => {
  it("decodes indexed brackets into arrays of objects", () => {
    const body = "items[0][price]=price_a&items[0][quantity]=3&items[1][price]=price_b";
    expect(decodeForm(body)).toEqual({ items: [{ price: "price_a", quantity: "3" }, { price: "price_b" }] });
  });

  it("decodes nested hashes such as metadata and subscription_data[metadata]", () => {
    const body = "metadata[org_id]=org%201&subscription_data[metadata][plan]=TEAM";
    expect(decodeForm(body)).toEqual({
      metadata: { org_id: "org 1" },
      subscription_data: { metadata: { plan: "TEAM" } },
    });
  });

  it("appends empty brackets in order", () => {
    expect(decodeForm("expand[]=subscription&expand[]=line_items")).toEqual({ expand: ["subscription", "line_items"] });
  });

  it("decodes percent-encoded brackets and plus signs", () => {
    expect(decodeForm("lookup_keys%5B0%5D=team_seat_monthly&name=A+B")).toEqual({
      lookup_keys: ["team_seat_monthly"],
      name: "A B",
    });
  });

  it("keeps an empty value as the empty string (Stripe's way to unset)", () => {
    expect(decodeForm("metadata=&description=")).toEqual({ metadata: "", description: "" });
  });

  it("round-trips what encodeForm (the SDK's format) writes", () => {
    const data = {
      line_items: [{ price_data: { currency: "usd", unit_amount: 1000, product_data: { name: "Top-up" } }, quantity: 1 }],
      mode: "payment",
    };
    expect(decodeForm(encodeForm(data))).toEqual({
      line_items: [{ price_data: { currency: "usd", unit_amount: "1000", product_data: { name: "Top-up" } }, quantity: "1" }],
      mode: "payment",
    });
  });

  it("rejects a key given both as a value and as a hash", () => {
    expect(() => decodeForm("metadata=x&metadata[a]=b")).toThrow(ParamError);
  });

  it("ignores prototype-polluting keys", () => {
    const out = decodeForm("__proto__[polluted]=yes&a=1");
    expect(out).toEqual({ a: "1" });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("parseKey", () => {
  it("splits bracket segments", () => {
    expect(parseKey("items[0][price]")).toEqual(["items", "0", "price"]);
    expect(parseKey("expand[]")).toEqual(["expand", ""]);
    expect(parseKey("plain")).toEqual(["plain"]);
  });

  it("rejects malformed keys", () => {
    expect(() => parseKey("items[0]x")).toThrow(ParamError);
  });
});
