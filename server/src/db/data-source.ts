import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { DataSource, type DataSourceOptions } from "typeorm";
import { ENTITIES } from "../entities";
import { MYSQL_MIGRATIONS } from "./migrations/mysql";
import { SQLITE_MIGRATIONS } from "./migrations/sqlite";

export type DatabaseKind = "mysql" | "sqlite";

export interface DataSourceSettings {
  /** `mysql://user:pass@host:port/db` or `mariadb://...`; unset means SQLite. */
  databaseUrl?: string;
  /** SQLite: the file (or ":memory:"); defaults to DATA_DIR/team-billing.sqlite. */
  sqliteFile?: string;
  dataDir?: string;
  poolSize?: number;
  logQueries?: boolean;
}

export function databaseKind(databaseUrl: string | undefined): DatabaseKind {
  if (!databaseUrl) return "sqlite";
  if (/^(mysql|mariadb):\/\//.test(databaseUrl)) return "mysql";
  throw new Error("DATABASE_URL must start with mysql:// or mariadb://");
}

/** Builds (does not open) the TypeORM data source for the configured database. */
export function buildDataSource(settings: DataSourceSettings): DataSource {
  const common = {
    entities: ENTITIES,
    synchronize: false,
    migrationsRun: false,
    // Failed queries surface as errors where they matter (and are logged there when unexpected).
    logging: settings.logQueries ? ("all" as const) : false,
  };
  if (databaseKind(settings.databaseUrl) === "mysql") {
    const url = settings.databaseUrl as string;
    const options: DataSourceOptions = {
      ...common,
      type: url.startsWith("mariadb:") ? "mariadb" : "mysql",
      url: url.replace(/^mariadb:/, "mysql:"),
      timezone: "Z",
      charset: "utf8mb4_unicode_ci",
      supportBigNumbers: true,
      bigNumberStrings: true,
      poolSize: settings.poolSize ?? 20,
      migrations: MYSQL_MIGRATIONS,
    };
    return new DataSource(options);
  }
  const dataDir = settings.dataDir ?? "./data";
  const file = settings.sqliteFile ?? join(dataDir, "team-billing.sqlite");
  if (file !== ":memory:") mkdirSync(settings.sqliteFile ? join(file, "..") : dataDir, { recursive: true });
  return new DataSource({
    ...common,
    type: "better-sqlite3",
    database: file,
    enableWAL: file !== ":memory:",
    timeout: 10_000,
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      db.pragma("foreign_keys = ON");
      db.pragma("synchronous = NORMAL");
    },
    migrations: SQLITE_MIGRATIONS,
  });
}
