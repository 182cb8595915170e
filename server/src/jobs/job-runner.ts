import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { Clock } from "../common/clock";
import type { Database } from "../db/database";
import { JobLeaseEntity } from "../entities";

export interface JobDefinition {
  name: string;
  /** How often the job runs on its own. */
  everyMs: number;
  /** How long one run may hold the lease before another process may take over. */
  leaseMs?: number;
  /** Must be idempotent: a run cut short by a crash is simply run again. */
  run: () => Promise<void>;
}

/**
 * Runs named jobs on a timer. Each run first takes the job's lease row with a
 * conditional UPDATE, so with several server processes only one runs a job at
 * a time, and a process that dies loses its lease when it lapses.
 */
export class JobRunner {
  private readonly jobs = new Map<string, JobDefinition>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Set<string>();
  readonly holder = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly log: (message: string) => void = console.error,
  ) {}

  register(job: JobDefinition): void {
    this.jobs.set(job.name, job);
  }

  /** True between `start()` and `stop()` (readiness: this process runs its jobs). */
  get started(): boolean {
    return this.timers.length > 0;
  }

  start(): void {
    for (const job of this.jobs.values()) {
      const timer = setInterval(() => void this.runOne(job.name), job.everyMs);
      timer.unref();
      this.timers.push(timer);
    }
  }

  /**
   * Stops the timers and waits for the runs in progress, up to `deadlineMs`; then gives up
   * every lease this process holds, so another process takes the jobs at once instead of
   * when the leases lapse (a run cut short is run again: jobs are idempotent).
   */
  async stop(deadlineMs = Number.POSITIVE_INFINITY): Promise<void> {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    const until = Date.now() + deadlineMs;
    while (this.running.size > 0 && Date.now() < until) await sleep(10);
    await this.db
      .transaction((em) =>
        em
          .createQueryBuilder()
          .update(JobLeaseEntity)
          .set({ holder: null, leaseUntil: null })
          .where("holder = :holder", { holder: this.holder })
          .execute(),
      )
      .catch((error: unknown) => this.log(`releasing job leases failed: ${error instanceof Error ? error.message : String(error)}`));
  }

  /** Per job, how long it is overdue (now minus its last run plus its period; never run: 0), in seconds. */
  async lagSeconds(): Promise<Record<string, number>> {
    const rows = await this.db.manager.find(JobLeaseEntity);
    const now = this.clock.now().getTime();
    const lag: Record<string, number> = {};
    for (const job of this.jobs.values()) {
      const last = rows.find((r) => r.name === job.name)?.lastRunAt;
      lag[job.name] = last ? Math.max(0, (now - last.getTime() - job.everyMs) / 1000) : 0;
    }
    return lag;
  }

  /** Runs the named jobs (default: all) now, in registration order; true for each that ran. */
  async runNow(names: string[] = [...this.jobs.keys()]): Promise<Record<string, boolean>> {
    const ran: Record<string, boolean> = {};
    for (const name of names) ran[name] = await this.runOne(name);
    return ran;
  }

  private async runOne(name: string): Promise<boolean> {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`no job named ${name}`);
    if (this.running.has(name)) return false;
    this.running.add(name);
    try {
      if (!(await this.acquire(job))) return false;
      try {
        await job.run();
      } finally {
        await this.release(name);
      }
      return true;
    } catch (error) {
      this.log(`job ${name} failed: ${error instanceof Error ? error.stack : String(error)}`);
      return false;
    } finally {
      this.running.delete(name);
    }
  }

  private async acquire(job: JobDefinition): Promise<boolean> {
    const now = this.clock.now();
    const until = new Date(now.getTime() + (job.leaseMs ?? 60_000));
    return this.db.transaction(async (em) => {
      await em
        .createQueryBuilder()
        .insert()
        .into(JobLeaseEntity)
        .values({ name: job.name, holder: null, leaseUntil: null, lastRunAt: null })
        .orIgnore()
        .execute();
      const result = await em
        .createQueryBuilder()
        .update(JobLeaseEntity)
        .set({ holder: this.holder, leaseUntil: until })
        .where("name = :name AND (leaseUntil IS NULL OR leaseUntil < :now)", { name: job.name, now })
        .execute();
      return result.affected === 1;
    });
  }

  private async release(name: string): Promise<void> {
    await this.db.transaction((em) =>
      em
        .createQueryBuilder()
        .update(JobLeaseEntity)
        .set({ holder: null, leaseUntil: null, lastRunAt: this.clock.now() })
        .where("name = :name AND holder = :holder", { name, holder: this.holder })
        .execute(),
    );
  }
}
