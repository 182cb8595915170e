import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import type { Core } from "./core";
import type { IdempotencyEntry } from "./idempotency";
import type { SessionExtras } from "./store";

/**
 * The emulator's state in one JSON file, for an emulator that should outlive its process
 * (the server's embedded default keeps it under DATA_DIR, beside the database that holds
 * our side: after a restart both still agree). The file is rewritten after every change
 * and before the change is answered, through a temporary file that is synced and renamed
 * over the old one, so a crash leaves the last whole state and never a torn one.
 */

const FORMAT = 1;

interface StateFile {
  format: typeof FORMAT;
  /** The emulator's clock when saved: it never goes back, even across a restart. */
  clockMs: number;
  tables: Record<string, { id: string }[]>;
  sessionExtras: [string, SessionExtras][];
  inlinePrices: string[];
  deletedCustomers: string[];
  decliningCustomers: string[];
  lastBilledLine: [string, { invoice: string; line: string }][];
  idempotency: [string, IdempotencyEntry][];
}

/** Stripe keeps events for 30 days; so does a state file (delivered events only), or it would grow without end. */
const EVENT_RETENTION_SECONDS = 30 * 86_400;

export function saveState(core: Core, file: string): void {
  const { store } = core;
  const cutoff = core.now() - EVENT_RETENTION_SECONDS;
  for (const event of store.events.all()) {
    if (event.created >= cutoff) break; // oldest first: the rest are newer
    if (event.pending_webhooks === 0) store.events.delete(event.id);
  }
  const state: StateFile = {
    format: FORMAT,
    clockMs: core.clock.nowMs(),
    tables: Object.fromEntries(Object.entries(store.tables()).map(([name, table]) => [name, table.all()])),
    sessionExtras: [...store.sessionExtras],
    inlinePrices: [...store.inlinePrices],
    deletedCustomers: [...store.deletedCustomers],
    decliningCustomers: [...store.decliningCustomers],
    lastBilledLine: [...store.lastBilledLine],
    idempotency: core.idempotency.entriesForState(),
  };
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = openSync(temporary, "w", 0o600);
  try {
    writeSync(fd, JSON.stringify(state));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
}

/** Loads a saved state into an empty emulator; false when there is no file yet. */
export function loadState(core: Core, file: string): boolean {
  if (!existsSync(file)) return false;
  let state: StateFile;
  try {
    state = JSON.parse(readFileSync(file, "utf8")) as StateFile;
  } catch (e) {
    throw new Error(`the Stripe emulator's state file ${file} is not readable JSON (${(e as Error).message}); move it away to start empty`);
  }
  if (state.format !== FORMAT)
    throw new Error(`the Stripe emulator's state file ${file} has format ${state.format}; this emulator reads ${FORMAT}`);
  const { store } = core;
  const tables = store.tables();
  for (const [name, rows] of Object.entries(state.tables)) {
    const table = tables[name];
    if (!table) throw new Error(`the Stripe emulator's state file ${file} has an unknown table: ${name}`);
    for (const row of rows) table.insert(row);
  }
  for (const [id, extras] of state.sessionExtras) store.sessionExtras.set(id, extras);
  for (const id of state.inlinePrices) store.inlinePrices.add(id);
  for (const id of state.deletedCustomers) store.deletedCustomers.add(id);
  for (const id of state.decliningCustomers) store.decliningCustomers.add(id);
  for (const [item, line] of state.lastBilledLine) store.lastBilledLine.set(item, line);
  core.idempotency.restore(state.idempotency);
  core.clock.moveTo(state.clockMs);
  // Events not yet delivered when the process stopped are sent again, as Stripe keeps retrying.
  for (const event of store.events.all()) {
    if (event.pending_webhooks > 0) core.webhooks.enqueue(event, core.webhooks.endpointsFor(event.type));
  }
  return true;
}
