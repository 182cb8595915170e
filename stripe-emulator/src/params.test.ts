import { ParamError } from "./errors";
import { mergeMetadata, s, validate } from "./params";

const fields = {
  email: s.str(),
  quantity: s.int({ min: 0 }),
  cancel_at_period_end: s.bool(),
  mode: s.enum(["payment", "subscription"]),
  metadata: s.meta(),
  items: s.arr(s.obj({ price: s.req(s.str()), quantity: s.int() })),
  proration_date: s.ts(),
};

function errorOf(fn: () => unknown): ParamError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ParamError) return e;
    throw e;
  }
  throw new Error("expected a ParamError");
}

describe("validate", () => {
  it("types leaves", () => {
    expect(
      validate(fields, {
        email: "a@b.c",
        quantity: "4",
        cancel_at_period_end: "true",
        items: [{ price: "price_1", quantity: "2" }],
        proration_date: "1737000000",
      }),
    ).toEqual({
      email: "a@b.c",
      quantity: 4,
      cancel_at_period_end: true,
      items: [{ price: "price_1", quantity: 2 }],
      proration_date: 1737000000,
    });
  });

  it("answers parameter_unknown with the bracketed name of the parameter", () => {
    const top = errorOf(() => validate(fields, { emial: "x" }));
    expect(top.details).toEqual({ code: "parameter_unknown", param: "emial" });
    expect(top.message).toBe("Received unknown parameter: emial");
    const nested = errorOf(() => validate(fields, { items: [{ price: "p", qty: "1" }] }));
    expect(nested.details.param).toBe("items[0][qty]");
  });

  it("answers parameter_missing for a required nested param", () => {
    const e = errorOf(() => validate(fields, { items: [{ quantity: "1" }] }));
    expect(e.details).toEqual({ code: "parameter_missing", param: "items[0][price]" });
  });

  it("rejects bad integers, booleans and enum values", () => {
    expect(errorOf(() => validate(fields, { quantity: "1.5" })).details.code).toBe("parameter_invalid_integer");
    expect(errorOf(() => validate(fields, { quantity: "-1" })).details.param).toBe("quantity");
    expect(errorOf(() => validate(fields, { cancel_at_period_end: "yes" })).message).toBe("Invalid boolean: yes");
    expect(errorOf(() => validate(fields, { mode: "setup" })).details.param).toBe("mode");
  });

  it("refuses an empty string where a value cannot be unset", () => {
    expect(errorOf(() => validate(fields, { email: "" })).details.code).toBe("parameter_invalid_empty");
  });

  it("turns an empty metadata into null (clear) and empty values into removals", () => {
    expect(validate(fields, { metadata: "" })).toEqual({ metadata: null });
    expect(validate(fields, { metadata: { a: "", b: "2" } })).toEqual({ metadata: { a: null, b: "2" } });
  });
});

describe("validate, Stripe's other answers", () => {
  const more = {
    name: s.req(s.str()),
    trial_end: s.ts({ now: true, emptyable: true }),
    limit: s.int({ min: 1, emptyable: true }),
    locale: s.ignored(),
    nested: s.obj({ inner: s.obj({ value: s.req(s.str()) }) }),
  };

  it("names the outermost unknown parameter before any other problem", () => {
    const e = errorOf(() => validate(more, { nested: { inner: { typo: "x" } }, extra: "1" }));
    expect(e.details).toEqual({ code: "parameter_unknown", param: "extra" });
    expect(errorOf(() => validate(more, { name: "n", nested: { inner: { typo: "x" } } })).details.param).toBe("nested[inner][typo]");
  });

  it("answers parameter_missing with the message Stripe gives", () => {
    const e = errorOf(() => validate(more, {}));
    expect(e.message).toBe("Missing required param: name.");
    expect(e.details).toEqual({ code: "parameter_missing", param: "name" });
  });

  it("takes 'now' or seconds for a timestamp, and '' to unset where allowed", () => {
    expect(validate(more, { name: "n", trial_end: "now", limit: "" })).toEqual({ name: "n", trial_end: "now", limit: null });
    expect(validate(more, { name: "n", trial_end: "1737000000" })).toEqual({ name: "n", trial_end: 1737000000 });
    expect(validate(more, { name: "n", trial_end: "" })).toEqual({ name: "n", trial_end: null });
    expect(errorOf(() => validate(more, { name: "n", trial_end: "soon" })).details).toEqual({
      code: "parameter_invalid_integer",
      param: "trial_end",
    });
  });

  it("gives the message of each kind of bad value", () => {
    expect(errorOf(() => validate(more, { name: "n", limit: "0" })).message).toBe("This value must be greater than or equal to 1.");
    expect(errorOf(() => validate(fields, { mode: "setup" })).message).toBe("Invalid mode: must be one of payment, subscription");
    expect(errorOf(() => validate(fields, { items: "x" })).message).toBe("Invalid array");
    expect(errorOf(() => validate(fields, { metadata: "x" })).details.param).toBe("metadata");
    expect(errorOf(() => validate(fields, { metadata: { a: { b: "c" } } })).details.param).toBe("metadata[a]");
    expect(errorOf(() => validate(fields, { email: { a: "b" } })).message).toBe("Invalid string: email");
  });

  it("accepts an ignored parameter and leaves no key for it", () => {
    expect(validate(more, { name: "n", locale: "fr" })).toEqual({ name: "n" });
    expect(Object.keys(validate(more, { name: "n", locale: "fr" }))).toEqual(["name"]);
  });
});

describe("mergeMetadata", () => {
  it("adds, replaces, removes and clears keys", () => {
    expect(mergeMetadata({ a: "1", b: "2" }, { b: "3", a: null, c: "4" })).toEqual({ b: "3", c: "4" });
    expect(mergeMetadata({ a: "1" }, null)).toEqual({});
    expect(mergeMetadata({ a: "1" }, undefined)).toEqual({ a: "1" });
  });
});
