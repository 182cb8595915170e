import type { Database } from "../db/database";
import { migrationsPending } from "../db/migrate";
import type { JobRunner } from "../jobs/job-runner";
import type { HttpDrain } from "./http-drain";
import type { ReadyReport } from "./operating.route";

/** How long `SELECT 1` may take before the database counts as not answering. */
const DB_TIMEOUT_MS = 2_000;

/**
 * `/readyz`: the database answers, no migration is pending, the job runner runs (in a
 * process that runs jobs) and the process is not shutting down.
 */
export function readinessCheck(db: Database, jobs: JobRunner, runsJobs: boolean, drain: HttpDrain): () => Promise<ReadyReport> {
  // Once every migration ran, it stays so for this process's code.
  let migrated = false;
  return async () => {
    const failed: Record<string, string> = {};
    if (drain.draining) failed.shutdown = "the server is shutting down";
    try {
      await withTimeout(db.manager.query("SELECT 1"), DB_TIMEOUT_MS);
      if (!migrated) migrated = !(await withTimeout(migrationsPending(db.dataSource), DB_TIMEOUT_MS));
      if (!migrated) failed.migrations = "migrations are pending: run `pnpm migrate`";
    } catch {
      failed.database = "the database does not answer";
    }
    if (runsJobs && !jobs.started) failed.jobs = "the job runner is not running";
    return Object.keys(failed).length === 0 ? { ok: true } : { ok: false, failed };
  };
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timed out")), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
