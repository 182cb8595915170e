import { newId } from "../src/db/columns";
import { isId } from "../src/common/validate";

describe("row ids", () => {
  it("are UUID version 7: the time first, in order even within one millisecond, unique, and accepted as ids", () => {
    const before = Date.now();
    const ids = Array.from({ length: 20_000 }, () => newId());
    const after = Date.now();
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ids.every(isId)).toBe(true);
    // Sorted as strings (how a varchar primary key orders them) they are already in order.
    expect(ids.every((id, i) => i === 0 || ids[i - 1] < id)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const ms = (id: string) => Number.parseInt(id.replaceAll("-", "").slice(0, 12), 16);
    expect(ms(ids[0])).toBeGreaterThanOrEqual(before);
    // 20,000 ids may borrow a few milliseconds ahead (4,096 per millisecond at most), never more.
    expect(ms(ids.at(-1) as string)).toBeLessThanOrEqual(after + Math.ceil(ids.length / 2_048));
  });
});
