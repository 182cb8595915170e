import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { createConnection } from "mysql2/promise";
import { newId } from "../db/columns";
import { recreateDatabase } from "./load";

/**
 * Row ids and insert cost on MariaDB: the same rows into two tables shaped like
 * usage_event's primary key (varchar(36)) and row size, one keyed by random UUIDs
 * (version 4), one by newId() (version 7, time-ordered), in alternating 2,000-row
 * INSERTs so both see the same noise. Once the tables outgrow the buffer pool, random
 * keys land on pages that must be read back in; ordered keys append.
 * Env: BENCH_DATABASE_URL_IDS (a database it recreates, then drops), BENCH_ID_ROWS (default 3,000,000 each).
 */
const DB_URL = process.env.BENCH_DATABASE_URL_IDS ?? "mariadb://root@127.0.0.1:3306/tb_bench_ids";
const ROWS = Number(process.env.BENCH_ID_ROWS ?? 3_000_000);
const CHUNK = 2_000;

async function main(): Promise<void> {
  await recreateDatabase(DB_URL);
  const db = await createConnection(DB_URL.replace(/^mariadb:/, "mysql:"));
  const [[pool]] = (await db.query("SELECT @@innodb_buffer_pool_size AS bytes")) as unknown as [{ bytes: number }[]];
  const shape =
    "(id varchar(36) NOT NULL PRIMARY KEY, orgId varchar(36) NOT NULL, model varchar(200) NOT NULL, credits int NOT NULL, at datetime(3) NOT NULL) ENGINE=InnoDB";
  await db.query(`CREATE TABLE ids_v4 ${shape}`);
  await db.query(`CREATE TABLE ids_v7 ${shape}`);
  const elapsed = { v4: 0, v7: 0 };
  const org = randomUUID();
  for (let done = 0; done < ROWS; done += CHUNK) {
    for (const kind of done % (2 * CHUNK) === 0 ? (["v4", "v7"] as const) : (["v7", "v4"] as const)) {
      const rows: string[] = [];
      for (let i = done; i < Math.min(ROWS, done + CHUNK); i++) {
        rows.push(`('${kind === "v4" ? randomUUID() : newId()}','${org}','model-${i % 10}',${1 + (i % 97)},NOW(3))`);
      }
      const start = performance.now();
      await db.query(`INSERT INTO ids_${kind} (id, orgId, model, credits, at) VALUES ${rows.join(",")}`);
      elapsed[kind] += performance.now() - start;
    }
    if ((done / CHUNK) % 100 === 0) process.stdout.write(`\rinserted ${done.toLocaleString("en-US")} rows into each`);
  }
  const size = async (table: string) => {
    const [[row]] = (await db.query(
      "SELECT data_length + index_length AS bytes FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?",
      [table],
    )) as unknown as [{ bytes: number }[]];
    return Math.round(Number(row.bytes) / 2 ** 20);
  };
  await db.query("ANALYZE TABLE ids_v4, ids_v7");
  const [v4Mb, v7Mb] = [await size("ids_v4"), await size("ids_v7")];
  console.log(`\n\n${ROWS.toLocaleString("en-US")} rows into each table; buffer pool ${Math.round(Number(pool.bytes) / 2 ** 20)} MB`);
  console.log(
    `random UUID v4 keys: ${(elapsed.v4 / 1000).toFixed(1)} s, ${Math.round(ROWS / (elapsed.v4 / 1000)).toLocaleString("en-US")} rows/s, ${v4Mb} MB`,
  );
  console.log(
    `time-ordered v7 keys: ${(elapsed.v7 / 1000).toFixed(1)} s, ${Math.round(ROWS / (elapsed.v7 / 1000)).toLocaleString("en-US")} rows/s, ${v7Mb} MB`,
  );
  console.log(`v7 inserts ${(elapsed.v4 / elapsed.v7).toFixed(2)}x as fast as v4`);
  await db.query(`DROP DATABASE IF EXISTS \`${new URL(DB_URL.replace(/^mariadb:/, "mysql:")).pathname.slice(1)}\``);
  await db.end();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
