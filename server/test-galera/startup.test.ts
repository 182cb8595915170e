import { createConnection } from "mysql2/promise";
import { createClusterDatabase, haproxyUrl, nodeUrl } from "./support/cluster";
import { type ServerProcess, serverProcess } from "./support/deployment";

// Two servers started at once on an empty database, one through node 1 and one through node 2:
// the migrations run exactly once (and both servers start).
describe("two servers starting together on an empty cluster database", () => {
  it("migrate once, through two different nodes", async () => {
    const db = await createClusterDatabase();
    let servers: ServerProcess[] = [];
    try {
      servers = await Promise.all([serverProcess("node1", nodeUrl(1, db.name), true), serverProcess("node2", nodeUrl(2, db.name), true)]);
      for (const s of servers) expect((await fetch(`${s.url}/readyz`)).status).toBe(200);
      const conn = await createConnection(haproxyUrl(db.name));
      try {
        const [rows] = await conn.query("SELECT name, COUNT(*) AS n FROM migrations GROUP BY name HAVING n > 1");
        expect(rows).toEqual([]);
        const [all] = await conn.query("SELECT COUNT(*) AS n FROM migrations");
        expect(Number((all as { n: number }[])[0].n)).toBeGreaterThan(0);
      } finally {
        await conn.end();
      }
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
      await db.drop();
    }
  });
});
