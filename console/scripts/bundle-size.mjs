// Prints the gzipped size of the console's entry chunk and of everything a
// first visit downloads before any page renders (the entry plus the shared
// chunks index.html preloads), and fails the build when that initial load is
// over budget. Lazy page chunks are listed for context; they do not count.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const DIST = new URL("../dist/", import.meta.url).pathname;
const BUDGET_KB = Number(process.env.CONSOLE_ENTRY_BUDGET_KB ?? 200);

const html = readFileSync(join(DIST, "index.html"), "utf8");
const entry = html.match(/<script[^>]+type="module"[^>]+src="\/?([^"]+\.js)"/)?.[1];
if (!entry) {
  console.error("bundle-size: no module entry script found in dist/index.html");
  process.exit(1);
}
const preloaded = [...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/?([^"]+\.js)"/g)].map((m) => m[1]);

const gzKb = (file) => gzipSync(readFileSync(join(DIST, file)), { level: 9 }).length / 1024;
const fmt = (kb) => `${kb.toFixed(1)} KB`;

const entryKb = gzKb(entry);
const initialKb = preloaded.reduce((sum, f) => sum + gzKb(f), entryKb);
const initial = new Set([entry, ...preloaded]);
const lazy = readdirSync(join(DIST, "assets"))
  .map((f) => `assets/${f}`)
  .filter((f) => f.endsWith(".js") && !initial.has(f))
  .map((file) => ({ file, kb: gzKb(file) }))
  .sort((a, b) => b.kb - a.kb);

console.log(`\nconsole bundle (gzipped):`);
console.log(`  entry chunk   ${entry}: ${fmt(entryKb)}`);
for (const f of preloaded) console.log(`  preloaded     ${f}: ${fmt(gzKb(f))}`);
console.log(`  initial total ${fmt(initialKb)} (budget ${BUDGET_KB} KB)`);
for (const c of lazy) console.log(`  lazy          ${c.file}: ${fmt(c.kb)}`);

if (initialKb > BUDGET_KB) {
  console.error(`bundle-size: initial JS is over budget by ${fmt(initialKb - BUDGET_KB)}`);
  process.exit(1);
}
