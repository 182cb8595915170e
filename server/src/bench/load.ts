import http from "node:http";
import { createConnection } from "mysql2/promise";
import { performance } from "node:perf_hooks";

export interface LoadResult {
  label: string;
  calls: number;
  ok: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
}

/** Runs `fn` from `concurrency` loops for `seconds`; latencies in ms. */
export async function load(label: string, concurrency: number, seconds: number, fn: (i: number) => Promise<boolean>): Promise<LoadResult> {
  const latencies: number[] = [];
  let ok = 0;
  let next = 0;
  const until = performance.now() + seconds * 1000;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const i = next++;
        const t0 = performance.now();
        if (await fn(i)) ok++;
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
  return { label, calls: latencies.length, ok, seconds: elapsed, perSecond: latencies.length / elapsed, p50: pct(0.5), p99: pct(0.99) };
}

export function table(results: LoadResult[]): string {
  const rows = results.map(
    (r) =>
      `| ${r.label} | ${Math.round(r.perSecond).toLocaleString("en-US")} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.ok.toLocaleString("en-US")} |`,
  );
  return ["| run | calls/s | p50 ms | p99 ms | charged |", "|---|---:|---:|---:|---:|", ...rows].join("\n");
}

/** A keep-alive JSON POST client: lighter than fetch, so the load generator takes less of the CPU it shares. */
export function jsonPoster(port: number, path: string, headers: Record<string, string>, sockets: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  return (body: unknown) =>
    new Promise<any>((resolve, reject) => {
      const payload = JSON.stringify(body);
      const req = http.request(
        {
          host: "127.0.0.1",
          port,
          path,
          method: "POST",
          agent,
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload), ...headers },
        },
        (res) => {
          let data = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => {
            data += chunk;
          });
          res.on("end", () => resolve(JSON.parse(data)));
        },
      );
      req.on("error", reject);
      req.end(payload);
    });
}

/** Drops and creates a benchmark's MariaDB database. */
export async function recreateDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl.replace(/^mariadb:/, "mysql:"));
  const name = url.pathname.slice(1);
  url.pathname = "/";
  const conn = await createConnection(url.toString());
  await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await conn.end();
}
