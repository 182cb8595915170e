import { rmSync } from "node:fs";
import type { ChildProcess } from "node:child_process";

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

export default async function globalTeardown(): Promise<void> {
  const state = globalThis.__teamBillingE2e;
  if (!state) return;
  await stop(state.server);
  await state.closeSmtp();
  rmSync(state.dataDir, { recursive: true, force: true });
  globalThis.__teamBillingE2e = undefined;
}
