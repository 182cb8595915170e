#!/usr/bin/env node
import { loadCatalog } from "@team-billing/shared";
import { API_VERSION, startStripeEmulator } from "./index";

const USAGE = `Usage: stripe-emulator [--port 12111] [--host 127.0.0.1] [--public-url URL]
                       [--webhook URL [--webhook-secret whsec_...]] [--start ISO-TIME] [--frozen]
                       [--state FILE]

Environment: STRIPE_EMULATOR_PORT (port), CATALOG_JSON (catalog overrides, as the server reads them).
State lives in memory unless --state names a JSON file: then it is loaded at start (when the
file exists) and rewritten after every change, so a restart carries on where it stopped.

Controls under /_emulator (clock, webhooks, declines, outages and latency, checkout payment and
settlement) need "Authorization: Bearer sk_test_..." like the API, take JSON bodies only, and
refuse requests whose Origin is another site's.`;

function parseArgs(argv: string[]): Map<string, string | true> {
  const args = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") continue;
    if (!arg.startsWith("--")) throw new Error(`unexpected argument: ${arg}`);
    const [name, inline] = arg.slice(2).split("=", 2);
    if (inline !== undefined) args.set(name, inline);
    else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith("--")) args.set(name, argv[++i]);
    else args.set(name, true);
  }
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.has("help")) {
    console.log(USAGE);
    return;
  }
  const str = (name: string) => {
    const v = args.get(name);
    return typeof v === "string" ? v : undefined;
  };
  const port = Number(str("port") ?? process.env.STRIPE_EMULATOR_PORT ?? 12111);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port: ${port}`);
  const start = str("start");
  const emulator = await startStripeEmulator({
    port,
    host: str("host") ?? "127.0.0.1",
    publicUrl: str("public-url"),
    catalog: loadCatalog(process.env.CATALOG_JSON),
    startTime: start ? new Date(start) : undefined,
    freezeClock: args.has("frozen"),
    stateFile: str("state"),
    log: (msg) => console.log(`[stripe-emulator] ${msg}`),
  });
  const webhook = str("webhook");
  if (webhook) {
    const { secret } = emulator.addWebhookEndpoint(webhook, { secret: str("webhook-secret") });
    console.log(`[stripe-emulator] webhooks → ${webhook} (signing secret ${secret})`);
  }
  console.log(`[stripe-emulator] API version ${API_VERSION}. Point the SDK at it:
  new Stripe("sk_test_anything", { host: "${emulator.host}", port: ${emulator.port}, protocol: "http" })
Controls: ${emulator.url}/_emulator (JSON bodies, with the API's auth), e.g.
  curl -H "Authorization: Bearer sk_test_anything" -H "Content-Type: application/json" \\
       -d '{"to": "<ISO time>"}' ${emulator.url}/_emulator/clock/advance`);
  const stop = () => {
    void emulator.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  console.error(USAGE);
  process.exit(1);
});
