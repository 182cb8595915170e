#!/usr/bin/env node
// One check for the whole workspace: types (sources and tests), lint and format, import cycles,
// schema drift (schema.graphql must be what the server emits), and the public contract.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const bin = (name) => join(root, "node_modules", ".bin", name);
const failures = [];

function step(name, command, args, options = {}) {
  process.stdout.write(`check: ${name} ... `);
  const result = spawnSync(command, args, { cwd: root, encoding: "utf8", ...options });
  if (result.status === 0) {
    console.log("ok");
    return true;
  }
  console.log("FAILED");
  console.log(`${result.stdout ?? ""}${result.stderr ?? ""}`.trim().split("\n").slice(0, 60).join("\n"));
  failures.push(name);
  return false;
}

const tsc = bin("tsc");
step("types: server, shared, stripe-emulator", tsc, ["-b", "server", "stripe-emulator"]);
step("types: server tests", tsc, ["-p", "server/test/tsconfig.json"]);
step("types: the Galera suite", tsc, ["-p", "server/test-galera/tsconfig.json", "--noEmit"]);
if (existsSync(join(root, "stripe-emulator/tsconfig.test.json"))) {
  step("types: stripe-emulator tests", tsc, ["-p", "stripe-emulator/tsconfig.test.json", "--noEmit"]);
}
// The server tests' typed documents: codegen rewrites server/test/gql; any change means it was stale.
process.stdout.write("check: server/test/gql is what codegen writes ... ");
const testGql = join(root, "server/test/gql");
const readGql = () =>
  existsSync(testGql)
    ? readdirSync(testGql)
        .map((f) => `${f}\n${readFileSync(join(testGql, f), "utf8")}`)
        .join("\n")
    : "";
const gqlBefore = readGql();
const codegen = spawnSync(join(root, "server/node_modules/.bin/graphql-codegen"), ["--config", "codegen.ts"], {
  cwd: join(root, "server"),
  encoding: "utf8",
});
if (codegen.status !== 0) {
  console.log(`FAILED\n${codegen.stdout}${codegen.stderr}`.trim());
  failures.push("server test codegen");
} else if (readGql() !== gqlBefore) {
  console.log("FAILED\n  server/test/gql was stale: it is regenerated now, commit it");
  failures.push("server test codegen");
} else console.log("ok");
step("types: console", tsc, ["-p", "console/tsconfig.json", "--noEmit"]);
step("types: console browser tests", tsc, ["-p", "console/e2e/tsconfig.json", "--noEmit"]);
step("lint and format (biome)", bin("biome"), ["check", "."]);
// No import cycles: type-only imports count too (a cycle of types still ties the files together).
for (const [dir, tsconfig, extensions] of [
  ["server/src", "server/tsconfig.json", "ts"],
  ["console/src", "console/tsconfig.json", "ts,tsx"],
  ["stripe-emulator/src", "stripe-emulator/tsconfig.json", "ts"],
]) {
  step(`no import cycles: ${dir}`, bin("madge"), ["--circular", "--no-spinner", "--extensions", extensions, "--ts-config", tsconfig, dir]);
}

process.stdout.write("check: schema.graphql is what the server emits ... ");
const emitted = join(mkdtempSync(join(tmpdir(), "tb-schema-")), "schema.graphql");
try {
  execFileSync("node", ["server/dist/scripts/emit-schema.js", emitted], { cwd: root, stdio: "pipe" });
  if (readFileSync(emitted, "utf8") === readFileSync(join(root, "schema.graphql"), "utf8")) console.log("ok");
  else {
    console.log("FAILED\n  schema.graphql is stale: run `pnpm schema` and commit it");
    failures.push("schema drift");
  }
} catch (error) {
  console.log(`FAILED\n${error.stderr ?? error}`);
  failures.push("schema drift");
}

// Contract additions (../shared/contract/NAME.graphql) this project has adopted: held from now on.
const ADOPTED_ADDITIONS = ["identity", "ledger", "owner", "events", "corrections"];
step("public contract", "node", ["../shared/tools/check-contract.mjs", "--with", ADOPTED_ADDITIONS.join(",")]);

if (failures.length > 0) {
  console.error(`\ncheck failed: ${failures.join(", ")}`);
  process.exit(1);
}
console.log("\ncheck passed");
