import "reflect-metadata";
import { loadConfig } from "../config";
import { buildDataSource, databaseKind } from "../db/data-source";
import { migrate } from "../db/migrate";

/** `pnpm migrate`: the pending migrations, once, under the same lock the server takes at start. */
async function main(): Promise<void> {
  const config = loadConfig();
  const dataSource = buildDataSource({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    logQueries: config.logQueries,
    connectTimeoutMs: config.dbConnectTimeoutMs,
    queryTimeoutMs: config.dbQueryTimeoutMs,
    lockWaitTimeoutS: config.dbLockWaitTimeoutS,
  });
  await dataSource.initialize();
  try {
    const ran = await migrate(dataSource, databaseKind(config.databaseUrl), config.dbMigrationTimeoutMs);
    console.log(ran.length === 0 ? "migrations: nothing to run" : `migrations ran: ${ran.join(", ")}`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
