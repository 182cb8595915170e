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

/** What `alternate` measured: every run in order, and each round's ratios against the floors beside it. */
export interface Rounds {
  runs: LoadResult[];
  measured: LoadResult[];
  /** Calls per second of each measured run over the mean of the floor before and after it. */
  ratios: number[];
  /** p99 of each measured run over the larger p99 of the floors beside it. */
  p99Ratios: number[];
}

/**
 * The floor and the measured load in turn, `rounds` times, floor first and last; each
 * measured run is set against the floors just before and after it. On a shared, noisy
 * machine a disturbance moves one round, not the figure: report the median.
 */
export async function alternate(
  rounds: number,
  concurrency: number,
  seconds: number,
  floor: { label: string; fn: (i: number) => Promise<boolean> },
  measured: { label: string; fn: (round: number) => (i: number) => Promise<boolean> },
): Promise<Rounds> {
  const floors = [await load(`${floor.label} #1`, concurrency, seconds, floor.fn)];
  const runs = [floors[0]];
  const done: LoadResult[] = [];
  for (let r = 1; r <= rounds; r++) {
    done.push(await load(`${measured.label} #${r}`, concurrency, seconds, measured.fn(r)));
    floors.push(await load(`${floor.label} #${r + 1}`, concurrency, seconds, floor.fn));
    runs.push(done[r - 1], floors[r]);
  }
  return {
    runs,
    measured: done,
    ratios: done.map((m, i) => m.perSecond / ((floors[i].perSecond + floors[i + 1].perSecond) / 2)),
    p99Ratios: done.map((m, i) => m.p99 / Math.max(floors[i].p99, floors[i + 1].p99)),
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** "0.61, 0.58, 0.66 (median 0.61)" */
export const roundsLine = (values: number[]): string =>
  `${values.map((v) => v.toFixed(2)).join(", ")} (median ${median(values).toFixed(2)})`;

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
