import { performance } from "node:perf_hooks";
import { type GraphQLSchema, parse, specifiedRules, validate } from "graphql";
import { parseOptions, queryLimitRules } from "../graphql/query-limits";
import { graphqlSchema } from "../graphql/schema";

/**
 * Validation time of the nested-fragment family (review finding 1: `query { ...F0 }`, each
 * fragment spreading the next `fan` times, the last `{ __typename }`): parse + validate with the
 * server's schema, graphql's standard rules and our limits, as Apollo runs them on a document it
 * has not cached. Prints ms, bytes and µs per byte; exits 1 if the time per byte grows more than
 * MAX_GROWTH× across the sizes (largest over smallest), i.e. if validation is not linear.
 */
const MAX_GROWTH = 4;
/** Each measure repeats the document for at least this long and keeps the fastest run (the least disturbed by other processes and GC). */
const MIN_SAMPLE_MS = 200;

function nestedFragments(levels: number, fan: number): string {
  let doc = "query { ...F0 }\n";
  for (let i = 0; i < levels - 1; i++)
    doc += `fragment F${i} on Query { ${Array(fan)
      .fill(`...F${i + 1}`)
      .join(" ")} }\n`;
  return `${doc}fragment F${levels - 1} on Query { __typename }\n`;
}

function timeOnce(schema: GraphQLSchema, doc: string, withTokenLimit: boolean): { ms: number; outcome: string } {
  const start = performance.now();
  let outcome: string;
  try {
    const errors = validate(schema, parse(doc, withTokenLimit ? parseOptions : {}), [...specifiedRules, ...queryLimitRules]);
    outcome = errors.length ? `refused: ${errors.map((e) => e.message).join(" / ")}` : "accepted";
  } catch (error) {
    outcome = `parse refused: ${(error as Error).message}`;
  }
  return { ms: performance.now() - start, outcome };
}

function measure(schema: GraphQLSchema, doc: string, withTokenLimit: boolean): { ms: number; outcome: string } {
  const runs: number[] = [];
  let outcome = "";
  const until = performance.now() + MIN_SAMPLE_MS;
  while (runs.length < 5 || performance.now() < until) {
    const run = timeOnce(schema, doc, withTokenLimit);
    runs.push(run.ms);
    outcome = run.outcome;
  }
  return { ms: Math.min(...runs), outcome };
}

function table(
  title: string,
  schema: GraphQLSchema,
  cases: { levels: number; fan: number }[],
  withTokenLimit: boolean,
): { bytes: number; ms: number }[] {
  console.log(`\n${title}`);
  console.log("levels  fan     bytes        ms   µs/byte  outcome");
  const rows: { bytes: number; ms: number }[] = [];
  for (const { levels, fan } of cases) {
    const doc = nestedFragments(levels, fan);
    const { ms, outcome } = measure(schema, doc, withTokenLimit);
    rows.push({ bytes: doc.length, ms });
    const perByte = (ms * 1000) / doc.length;
    console.log(
      `${String(levels).padStart(6)} ${String(fan).padStart(4)} ${String(doc.length).padStart(9)} ${ms.toFixed(3).padStart(9)} ${perByte.toFixed(3).padStart(9)}  ${outcome.slice(0, 90)}`,
    );
  }
  return rows;
}

/** The largest time per byte over the smallest: 1 for perfectly linear growth. */
function growth(rows: { bytes: number; ms: number }[]): number {
  const perByte = rows.map((r) => r.ms / r.bytes);
  return Math.max(...perByte) / Math.min(...perByte);
}

async function main(): Promise<void> {
  const schema = await graphqlSchema();
  // Warm up the JIT and the schema's caches, so the first (smallest) row is not the slowest.
  const warmUntil = performance.now() + 500;
  while (performance.now() < warmUntil) for (const levels of [7, 20, 70]) timeOnce(schema, nestedFragments(levels, 10), true);

  const served = table(
    "As the server runs it (token limit on): levels grow, fan-out 10",
    schema,
    [7, 9, 11, 13, 20, 40, 70].map((levels) => ({ levels, fan: 10 })),
    true,
  );
  const lifted = table(
    "The rules alone (token limit lifted): levels grow, fan-out 10",
    schema,
    [20, 50, 100, 200, 400].map((levels) => ({ levels, fan: 10 })),
    false,
  );
  const fans = table(
    "The rules alone (token limit lifted): 20 levels, fan-out grows",
    schema,
    [2, 10, 50, 200].map((fan) => ({ levels: 20, fan })),
    false,
  );

  let failed = false;
  for (const [name, rows] of [
    ["served", served],
    ["levels", lifted],
    ["fan-out", fans],
  ] as const) {
    const g = growth(rows);
    const verdict = g <= MAX_GROWTH ? "linear" : "NOT LINEAR";
    console.log(`${name}: time per byte varies ${g.toFixed(2)}× across the sizes (limit ${MAX_GROWTH}×): ${verdict}`);
    if (g > MAX_GROWTH) failed = true;
  }
  if (failed) {
    console.error("validation time grows faster than the document: see the tables above");
    process.exit(1);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
