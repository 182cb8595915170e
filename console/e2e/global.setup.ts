import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ARTIFACTS_DIR, CONSOLE_DIST, REPO_ROOT, SERVER_MAIN } from "./support/paths";
import { startSmtpInbox } from "./support/smtp-inbox";

const START_TIMEOUT_MS = 30_000;

function requireBuilt(): void {
  const missing = [SERVER_MAIN, join(CONSOLE_DIST, "index.html")].filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(
      `e2e: missing ${missing.join(" and ")}.\n` +
        "The browser tests run the built server and console: run `pnpm build` at the repository root first " +
        "(the root `pnpm test` does).",
    );
  }
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolvePort(address.port) : reject(new Error("no port"))));
    });
  });
}

function logTail(file: string): string {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-30).join("\n");
  } catch {
    return "(no log)";
  }
}

async function waitForHealth(baseUrl: string, server: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) {
      throw new Error(`e2e: the server exited with code ${server.exitCode} while starting. Its log:\n${logTail(logFile)}`);
    }
    try {
      const response = await fetch(`${baseUrl}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`e2e: the server did not answer ${baseUrl}/healthz within ${START_TIMEOUT_MS / 1000} s. Its log:\n${logTail(logFile)}`);
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  requireBuilt();
  // Fresh artifacts each run, so no screenshot is left over from an older one.
  rmSync(ARTIFACTS_DIR, { recursive: true, force: true });
  mkdirSync(ARTIFACTS_DIR, { recursive: true });

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), "team-billing-e2e-"));
  const logFile = join(ARTIFACTS_DIR, "server.log");
  const log = openSync(logFile, "w");

  // Only the embedded defaults: nothing from the developer's shell may point
  // the test server at a real database, mail server or Stripe account.
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of [
    "DATABASE_URL",
    "SMTP_URL",
    "STRIPE_SECRET_KEY",
    "STRIPE_WEBHOOK_SECRET",
    "SESSION_SECRET",
    "CATALOG_JSON",
    "SALES_EMAIL",
  ]) {
    delete env[name];
  }
  // Mail goes over real SMTP to a receiver of ours; the tests read what it received.
  const smtp = await startSmtpInbox(join(dataDir, "smtp-inbox"));
  Object.assign(env, {
    SMTP_URL: smtp.url,
    PORT: String(port),
    DATA_DIR: dataDir,
    PUBLIC_URL: baseUrl,
    // The second is the dev clock's (support/mailbox.ts), so staff@example.test stays free for the support flow;
    // the third reads the dev mail page (identity.e2e.ts), which STAFF_EMAILS keeps to staff; the last two are
    // the owner's-dashboard flows' (support/flows.ts staffCookie), so no test file's sign-up meets another's account.
    STAFF_EMAILS: "staff@example.test,clock@example.test,mailroom@example.test,adjuster@example.test,timekeeper@example.test",
    CONSOLE_DIR: CONSOLE_DIST,
    // Every browser test signs people up from 127.0.0.1: more than the default 20 an hour (limits have their server tests).
    SIGNUPS_PER_IP_PER_HOUR: "500",
    // Away from a developer's own server and emulator on the default ports.
    STRIPE_EMULATOR_PORT: String(await freePort()),
  });

  const server = spawn(process.execPath, [SERVER_MAIN], { cwd: REPO_ROOT, env, stdio: ["ignore", log, log] });
  closeSync(log);
  // Should the runner die without its teardown, the server goes with it.
  process.once("exit", () => server.kill("SIGKILL"));
  try {
    await waitForHealth(baseUrl, server, logFile);
  } catch (error) {
    server.kill("SIGKILL");
    await smtp.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  // Test workers start after this and inherit this environment.
  process.env.E2E_BASE_URL = baseUrl;
  process.env.E2E_DATA_DIR = dataDir;

  // Playwright runs what global setup returns as the global teardown.
  return async () => {
    await stop(server);
    await smtp.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
}

function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => server.kill("SIGKILL"), 10_000);
    server.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    // The server shuts down cleanly on SIGTERM (closes HTTP, jobs and the database).
    server.kill("SIGTERM");
  });
}
