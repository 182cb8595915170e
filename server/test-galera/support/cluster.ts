import { execFile, execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { promisify } from "node:util";
import { createConnection } from "mysql2/promise";

/** The cluster scripts/galera/up.sh runs on loopback (ports in scripts/galera/lib.sh). */
const SCRIPTS = join(__dirname, "..", "..", "..", "scripts", "galera");
export const HAPROXY_PORT = Number(process.env.HAPROXY_PORT ?? 4406);
export const NODES = [1, 2, 3] as const;
export type NodeId = (typeof NODES)[number];
export const nodePort = (n: NodeId) => 4406 + n;

/** The single MariaDB the rest of the tests use: the same run's baseline. */
export const SINGLE_MARIADB = process.env.TEST_MYSQL_URL ?? "mysql://root@127.0.0.1:3306/test";

const run = promisify(execFile);

function isUp(): boolean {
  try {
    const status = execFileSync("bash", [join(SCRIPTS, "node.sh"), "status"], { encoding: "utf8" });
    return (status.match(/Synced {2,}cluster size 3/g) ?? []).length === 3 && !/haproxy down/.test(status);
  } catch {
    return false;
  }
}

/**
 * Brings the cluster up (or completes it: up.sh is idempotent) and answers whether this call
 * started it (the suite then stops it at the end unless GALERA_KEEP is set).
 */
export function clusterUp(): boolean {
  if (isUp()) return false;
  execFileSync("bash", [join(SCRIPTS, "up.sh")], { stdio: ["ignore", "inherit", "inherit"], timeout: 300_000 });
  return true;
}

export function clusterDown(): void {
  execFileSync("bash", [join(SCRIPTS, "down.sh")], { stdio: ["ignore", "inherit", "inherit"], timeout: 300_000 });
}

/** scripts/galera/node.sh: kill, freeze, thaw, start (returns once Synced), wait. */
export async function node(command: "kill" | "freeze" | "thaw" | "start" | "wait", n: NodeId): Promise<void> {
  await run("bash", [join(SCRIPTS, "node.sh"), command, String(n)], { timeout: 300_000 });
}

/** The node HAProxy sends new connections to now (asked through it). */
export async function activeNode(): Promise<NodeId> {
  const conn = await createConnection({ host: "127.0.0.1", port: HAPROXY_PORT, user: "root", connectTimeout: 3_000 });
  try {
    const [rows] = await conn.query("SELECT @@wsrep_node_name AS name");
    return Number((rows as { name: string }[])[0].name.replace("node", "")) as NodeId;
  } finally {
    await conn.end();
  }
}

export const haproxyUrl = (db: string) => `mysql://root@127.0.0.1:${HAPROXY_PORT}/${db}`;
export const nodeUrl = (n: NodeId, db: string) => `mysql://root@127.0.0.1:${nodePort(n)}/${db}`;

/** A new empty database on the cluster (DDL replicates to every node). */
export async function createClusterDatabase(prefix = "tb_galera"): Promise<{ name: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  const admin = await createConnection(`mysql://root@127.0.0.1:${HAPROXY_PORT}/mysql`);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  // The other nodes apply the DDL just after: a connection naming the database must not come sooner.
  for (const n of NODES) {
    const conn = await createConnection(`mysql://root@127.0.0.1:${nodePort(n)}/mysql`);
    try {
      await conn.query("SET SESSION wsrep_sync_wait = 15");
      await conn.query("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", [name]);
    } finally {
      await conn.end();
    }
  }
  return {
    name,
    async drop() {
      const conn = await createConnection(`mysql://root@127.0.0.1:${HAPROXY_PORT}/mysql`);
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await conn.end();
    },
  };
}

/** A new empty database on the single MariaDB (the baseline). */
export async function createSingleDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `tb_galera_base_${randomBytes(4).toString("hex")}`;
  const admin = await createConnection(SINGLE_MARIADB);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = new URL(SINGLE_MARIADB);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const conn = await createConnection(SINGLE_MARIADB);
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await conn.end();
    },
  };
}
