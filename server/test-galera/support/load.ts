import http from "node:http";
import { performance } from "node:perf_hooks";

/** An org the load charges, and the API key (USAGE_WRITE) that charges it. */
export interface LoadOrg {
  orgId: string;
  memberId: string;
  spaceIds: string[];
  secret: string;
}

/** One server process the load goes to (as one gateway of the product's customers would). */
export interface Gateway {
  name: string;
  url: string;
}

export interface LoadOptions {
  seconds: number;
  /** Callers per gateway, each one call at a time. */
  concurrency: number;
  orgs: LoadOrg[];
  credits?: number;
  /** Longer than this, an HTTP request counts as hung (and is abandoned). */
  hangMs: number;
  /**
   * Send a call answered SERVICE_UNAVAILABLE (or not answered) again with the same
   * idempotency key after its retryAfter, as the API asks of a gateway, until it is charged
   * or refused: then every call's fate is known. Off: such an answer ends the call.
   */
  resend?: boolean;
  /** Stop starting calls when this settles (and `seconds` have passed): a fault scenario's end. */
  until?: Promise<unknown>;
}

export interface GatewayStats {
  name: string;
  /** Calls made, and how many were charged (acknowledged). */
  calls: number;
  charged: number;
  /** HTTP requests (calls plus resends). */
  requests: number;
  /** Answers other than a charge, by code (SERVICE_UNAVAILABLE included; NO_ANSWER: the HTTP connection failed). */
  errors: Record<string, number>;
  /** When each error answer came, and each charge (ms since the load started). */
  errorTimes: number[];
  chargeTimes: number[];
  hung: number;
  /** Requests slower than 3 s: when each was sent (ms since the load started), how long it took, what it answered. */
  slow: { at: number; ms: number; code: string }[];
  /** Calls still unresolved when resending gave up. */
  unresolved: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
}

export interface LoadResult {
  seconds: number;
  gateways: GatewayStats[];
  /** Credits acknowledged (a charge answered) per org. */
  acknowledged: Map<string, number>;
}

const RECORD = `mutation($input: RecordUsageInput!) { recordUsage(input: $input) { creditsCharged } }`;
/** How long one call may keep being resent. */
const RESEND_FOR_MS = 120_000;

let run = 0;

/**
 * Steady load: every gateway gets `concurrency` callers, each sending recordUsage for the
 * orgs in turn as fast as answers come, for `seconds` (and until `until` settles).
 * Latencies are per HTTP request.
 */
export async function runLoad(gateways: Gateway[], options: LoadOptions): Promise<LoadResult> {
  const credits = options.credits ?? 3;
  const start = performance.now();
  const until = start + options.seconds * 1_000;
  let released = options.until === undefined;
  const release = () => {
    released = true;
  };
  options.until?.then(release, release);
  const going = () => performance.now() < until || !released;
  const acknowledged = new Map<string, number>();
  const prefix = `load-${process.pid}-${++run}-${Date.now().toString(36)}`;
  let sequence = 0;

  const stats = await Promise.all(
    gateways.map(async (gateway, g) => {
      const post = poster(gateway.url, options.concurrency, options.hangMs);
      const latencies: number[] = [];
      const s: GatewayStats = {
        name: gateway.name,
        calls: 0,
        charged: 0,
        requests: 0,
        errors: {},
        errorTimes: [],
        chargeTimes: [],
        hung: 0,
        slow: [],
        unresolved: 0,
        perSecond: 0,
        p50: 0,
        p99: 0,
        max: 0,
      };
      const error = (code: string) => {
        s.errors[code] = (s.errors[code] ?? 0) + 1;
        s.errorTimes.push(performance.now() - start);
      };
      await Promise.all(
        Array.from({ length: options.concurrency }, async (_, c) => {
          for (let i = 0; going(); i++) {
            const org = options.orgs[(c + i + g) % options.orgs.length];
            const input = {
              orgId: org.orgId,
              memberId: org.memberId,
              spaceId: org.spaceIds[i % org.spaceIds.length],
              model: "galera-load",
              credits,
              idempotencyKey: `${prefix}-${g}-${++sequence}`,
            };
            s.calls++;
            const giveUp = performance.now() + RESEND_FOR_MS;
            for (;;) {
              const t0 = performance.now();
              const answer = await post(org.secret, { query: RECORD, variables: { input } });
              const ms = performance.now() - t0;
              latencies.push(ms);
              s.requests++;
              if (ms > 3_000)
                s.slow.push({ at: Math.round(t0 - start), ms: Math.round(ms), code: answer.kind === "charged" ? "ok" : answer.code });
              if (answer.kind === "charged") {
                s.charged++;
                s.chargeTimes.push(performance.now() - start);
                acknowledged.set(org.orgId, (acknowledged.get(org.orgId) ?? 0) + answer.credits);
                break;
              }
              if (answer.kind === "hung") s.hung++;
              error(answer.code);
              const transient = answer.code === "SERVICE_UNAVAILABLE" || answer.kind !== "error";
              if (!options.resend || !transient) break;
              if (performance.now() > giveUp) {
                s.unresolved++;
                break;
              }
              await new Promise((r) => setTimeout(r, (answer.retryAfter ?? 0.5) * 1_000));
            }
          }
        }),
      );
      post.close();
      const elapsed = (performance.now() - start) / 1_000;
      latencies.sort((a, b) => a - b);
      const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
      return { ...s, perSecond: s.calls / elapsed, p50: pct(0.5), p99: pct(0.99), max: latencies[latencies.length - 1] ?? 0 };
    }),
  );
  return { seconds: (performance.now() - start) / 1_000, gateways: stats, acknowledged };
}

type Answer =
  | { kind: "charged"; credits: number }
  | { kind: "error"; code: string; retryAfter?: number }
  | { kind: "no-answer" | "hung"; code: string; retryAfter?: undefined };

/** A keep-alive JSON POST client (lighter than fetch on the CPU the servers share). */
function poster(baseUrl: string, sockets: number, hangMs: number) {
  const url = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  const post = (bearer: string, body: unknown, again = true): Promise<Answer> =>
    new Promise<Answer>((resolve) => {
      const payload = JSON.stringify(body);
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          path: "/graphql",
          method: "POST",
          agent,
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload), authorization: `Bearer ${bearer}` },
        },
        (res) => {
          let data = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => {
            data += chunk;
          });
          res.on("end", () => {
            try {
              const parsed = JSON.parse(data) as {
                data?: { recordUsage?: { creditsCharged: number } | null } | null;
                errors?: { extensions?: { code?: string; retryAfter?: number } }[];
              };
              const charged = parsed.data?.recordUsage;
              if (charged && !parsed.errors?.length) resolve({ kind: "charged", credits: charged.creditsCharged });
              else {
                const extensions = parsed.errors?.[0]?.extensions;
                resolve({ kind: "error", code: String(extensions?.code ?? `HTTP_${res.statusCode}`), retryAfter: extensions?.retryAfter });
              }
            } catch {
              resolve({ kind: "error", code: `HTTP_${res.statusCode}` });
            }
          });
        },
      );
      let hung = false;
      req.setTimeout(hangMs, () => {
        hung = true;
        resolve({ kind: "hung", code: "HUNG" });
        req.destroy();
      });
      req.on("error", (error: Error & { code?: string }) => {
        if (hung) return;
        // A kept-alive socket the server closed as it was reused (its keep-alive timeout): not an answer, sent again once.
        if (req.reusedSocket && again) resolve(post(bearer, body, false));
        else resolve({ kind: "no-answer", code: `NO_ANSWER ${error.code ?? error.message}` });
      });
      req.end(payload);
    });
  return Object.assign(post, { close: () => agent.destroy() });
}

/** The run as a table row per gateway (for the log and the README's figures). */
export function describeLoad(label: string, result: LoadResult): string {
  return result.gateways
    .map((g) => {
      const errors = Object.entries(g.errors)
        .map(([code, n]) => `${code} ${n}`)
        .join(", ");
      return `| ${label} | ${g.name} | ${g.calls} | ${g.perSecond.toFixed(0)} | ${g.p50.toFixed(1)} | ${g.p99.toFixed(1)} | ${g.max.toFixed(0)} | ${errors || "0"} |`;
    })
    .join("\n");
}

export const LOAD_TABLE_HEAD =
  "| run | gateway | calls | calls/s | p50 ms | p99 ms | max ms | errors answered |\n|---|---|---:|---:|---:|---:|---:|---|";
