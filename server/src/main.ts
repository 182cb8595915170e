import { createApp } from "./app";
import { loadConfig } from "./config";

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp({ config, runJobs: true });
  const url = await app.listen(config.port);
  const database = config.databaseUrl ? "MySQL" : `SQLite in ${config.dataDir}`;
  const mail = config.smtpUrl ? "SMTP" : `.eml files in ${config.dataDir}/mail`;
  console.log(`Team Billing on ${config.publicUrl} (listening at ${url}); database: ${database}; mail: ${mail}`);
  if (config.devTools) {
    console.warn(
      "WARNING: dev tools are on (DEV_TOOLS): the billing clock can be moved and outgoing mail is readable in the console. " +
        `${config.staffEmails.size === 0 ? "With STAFF_EMAILS empty, any signed-in user may use them. " : ""}Never run a real deployment like this: set NODE_ENV=production or DEV_TOOLS=off.`,
    );
  }
  // Graceful: stop accepting, finish the requests and job runs in flight (SHUTDOWN_TIMEOUT_MS),
  // give up job leases, close the database. A second signal, or a close that hangs, ends it at once.
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log(`${signal}: shutting down (in-flight requests have ${config.shutdownTimeoutMs} ms)`);
    setTimeout(() => {
      console.error("shutdown did not finish in time; exiting");
      process.exit(1);
    }, config.shutdownTimeoutMs + 5_000).unref();
    try {
      await app.close();
      process.exit(0);
    } catch (error) {
      console.error("shutdown failed", error);
      process.exit(1);
    }
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
