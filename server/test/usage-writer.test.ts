import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import * as ts from "typescript";

/**
 * The shape of the credits code (architecture review, problem 4 and the import
 * circles of problem 2), checked on the source: usage is written in one place, and
 * no import circle runs through credits/. The behaviour of every path is tested by
 * metering, races, usage-property, ledger-check and the others.
 */

const SRC = resolve(__dirname, "../src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return path.endsWith(".ts") && !path.endsWith(".d.ts") ? [path] : [];
  });
}

const files = sourceFiles(SRC).filter((f) => !f.includes(join("db", "migrations")));
const rel = (f: string) => relative(SRC, f).split("\\").join("/");

// Comments are dropped, so a why-comment that names a pattern is not a hit.
function code(file: string): string {
  const text = readFileSync(file, "utf8");
  return ts
    .createPrinter({ removeComments: true })
    .printFile(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS));
}

describe("the usage write path", () => {
  it("has one writer of usage_event: only credits/usage-writer.ts creates or inserts usage events", () => {
    const writes = [
      /new\s+UsageEventEntity\s*\(/,
      /\b(insert|save|upsert|bulkInsert|insertStatements)\s*\(\s*(\w+\s*,\s*)?UsageEventEntity\b/,
      /\.into\s*\(\s*UsageEventEntity\b/,
      /INSERT\s+INTO\s+[`"]?usage_event[`"]?\s*\(/i,
      /\brollupStatements\s*\(/,
    ];
    const writers = files
      .map(rel)
      // The reports benchmark seeds millions of synthetic events straight in SQL: test data, not a charge.
      .filter((f) => f !== "bench/reports.ts")
      .filter((f) => writes.some((re) => re.test(code(join(SRC, f)))));
    // rollups.ts defines rollupStatements; usage-writer.ts is the only one to call it.
    expect(writers.sort()).toEqual(["credits/rollups.ts", "credits/usage-writer.ts"]);
  });

  it("is entered only through CreditStore.recordCharges, from all three charging paths", () => {
    const callsWriter = files.filter((f) => /\bwriteCharges\s*\(/.test(code(f))).map(rel);
    expect(callsWriter.sort()).toEqual(["credits/credit-store.ts", "credits/usage-writer.ts"]);
    const recorders = files.filter((f) => /\.recordCharges\s*\(/.test(code(f))).map(rel);
    // Metering (pool and personal plans) and settling a hold.
    expect(recorders.sort()).toEqual(["credits/metering.service.ts", "credits/reservation.service.ts"]);
    const personal = code(join(SRC, "credits/personal.service.ts"));
    expect(personal).toMatch(/addPersonal\s*\(/);
  });
});

describe("imports around credits/", () => {
  function importGraph(): Map<string, string[]> {
    const graph = new Map<string, string[]>();
    for (const file of files) {
      // Type-only imports count: they tie the files together just the same.
      const { importedFiles } = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
      const deps = importedFiles
        .filter((i) => i.fileName.startsWith("."))
        .map((i) => resolve(dirname(file), i.fileName))
        .map((base) => [`${base}.ts`, join(base, "index.ts")].find((c) => existsSync(c)))
        .filter((f): f is string => f !== undefined);
      graph.set(file, deps);
    }
    return graph;
  }

  /** The strongly connected components of more than one file (Tarjan). */
  function circles(graph: Map<string, string[]>): string[][] {
    let next = 0;
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const found: string[][] = [];
    const visit = (v: string) => {
      index.set(v, next);
      low.set(v, next++);
      stack.push(v);
      onStack.add(v);
      for (const w of graph.get(v) ?? []) {
        if (!index.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
      if (low.get(v) === index.get(v)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(rel(w));
        } while (w !== v);
        if (component.length > 1) found.push(component.sort());
      }
    };
    for (const f of graph.keys()) if (!index.has(f)) visit(f);
    return found;
  }

  it("has no import circle through a file of credits/ (metering ↔ personal, credit-store → forecast → pool → credit-store)", () => {
    const throughCredits = circles(importGraph()).filter((c) => c.some((f) => f.startsWith("credits/")));
    expect(throughCredits).toEqual([]);
  });

  it("keeps credits/ free of analytics/ (the runway is credits/runway.ts)", () => {
    const reachesAnalytics = files
      .filter((f) => rel(f).startsWith("credits/"))
      .filter((f) => ts.preProcessFile(readFileSync(f, "utf8"), true, true).importedFiles.some((i) => i.fileName.includes("analytics/")))
      .map(rel);
    expect(reachesAnalytics).toEqual([]);
  });
});
