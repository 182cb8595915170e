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
  const shutdown = async (signal: string) => {
    console.log(`${signal}: shutting down`);
    await app.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
