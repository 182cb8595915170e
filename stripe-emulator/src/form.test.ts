import qs from "qs";
import { ParamError } from "./errors";
import { decodeForm } from "./form";
import { s, validate } from "./params";

describe("decodeForm", () => {
  it("decodes indexed brackets into arrays of objects", () => {
    const body = "items[0][price]=price_a&items[0][quantity]=3&items[1][price]=price_b";
    expect(decodeForm(body)).toEqual({ items: [{ price: "price_a", quantity: "3" }, { price: "price_b" }] });
  });

  it("decodes nested hashes such as metadata and subscription_data[metadata]", () => {
    const body = "metadata[org_id]=org%201&subscription_data[metadata][plan]=TEAM&metadata[org.name]=Acme";
    expect(decodeForm(body)).toEqual({
      metadata: { org_id: "org 1", "org.name": "Acme" },
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

  it("round-trips the SDK's format (qs indices)", () => {
    const data = {
      line_items: [{ price_data: { currency: "usd", unit_amount: 1000, product_data: { name: "Top-up" } }, quantity: 1 }],
      mode: "payment",
    };
    expect(decodeForm(qs.stringify(data, { arrayFormat: "indices" }))).toEqual({
      line_items: [{ price_data: { currency: "usd", unit_amount: "1000", product_data: { name: "Top-up" } }, quantity: "1" }],
      mode: "payment",
    });
  });

  it("refuses a key given both as a value and as a hash", () => {
    const fields = { metadata: s.meta() };
    expect(() => validate(fields, decodeForm("metadata=x&metadata[a]=b"))).toThrow(ParamError);
    expect(() => validate(fields, decodeForm("metadata[a]=b&metadata=x"))).toThrow(ParamError);
  });

  it("keeps metadata keys named like Object.prototype members, and pollutes nothing", () => {
    expect(decodeForm("metadata[constructor]=c&metadata[toString]=t")).toEqual({
      metadata: { constructor: "c", toString: "t" },
    });
    const out = decodeForm("__proto__[polluted]=yes&a=1");
    expect(out).toEqual({ a: "1" });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("answers a ParamError past the array, depth and parameter limits", () => {
    expect(() => decodeForm("items[1001]=x")).toThrow(ParamError);
    expect(() => decodeForm("a[b][c][d][e][f][g][h][i][j][k][l]=1")).toThrow(ParamError);
    expect(() => decodeForm(Array.from({ length: 5001 }, (_, i) => `k${i}=v`).join("&"))).toThrow(ParamError);
  });
});
