import { appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Where the suite writes its measured figures (one Markdown block per run section), besides the log. */
export const REPORT_FILE = process.env.GALERA_REPORT ?? join(tmpdir(), "team-billing-galera-report.md");

export function report(text: string): void {
  appendFileSync(REPORT_FILE, `${text}\n\n`);
  console.log(text);
}

/** Seconds of load per run: GALERA_LOAD_SECONDS (60 unless set). */
export const LOAD_SECONDS = Number(process.env.GALERA_LOAD_SECONDS ?? 60);
/** Callers per server process: GALERA_CONCURRENCY (16 unless set). */
export const CONCURRENCY = Number(process.env.GALERA_CONCURRENCY ?? 16);
/** Orgs the load spreads over: GALERA_ORGS (4 unless set; 1 is one hot org). */
export const ORGS = Number(process.env.GALERA_ORGS ?? 4);
