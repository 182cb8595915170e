import { useSyncExternalStore } from "react";

/**
 * The server's clock as the console knows it. With dev tools the server's clock
 * can move ahead of the browser's (devAdvanceClock), so every "now" the console
 * computes from (days until a reset, "last 30 days") reads this, never Date.now().
 * The offset is learnt from `/healthz` ({time}) and from devAdvanceClock's answer.
 */
let offsetMs = 0;
const listeners = new Set<() => void>();

/** Now, on the server's clock (the browser's when nothing was learnt). */
export function serverNow(): Date {
  return new Date(Date.now() + offsetMs);
}

/** Learns the server's time as of this moment (an ISO timestamp); ignores what isn't one. */
export function learnServerTime(iso: string): void {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return;
  const next = at - Date.now();
  // Request latency makes a few seconds of noise; only a real difference re-renders.
  if (Math.abs(next - offsetMs) < 5_000) return;
  offsetMs = next;
  for (const listener of listeners) listener();
}

/** Calls `listener` when the learnt offset changes; returns the unsubscribe. */
export function onServerClockChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The offset in ms, for useSyncExternalStore (a number, so React compares it cheaply). */
export function serverClockOffset(): number {
  return offsetMs;
}

/** Forgets what was learnt (tests). */
export function resetServerClock(): void {
  offsetMs = 0;
  for (const listener of listeners) listener();
}

/** Re-renders the caller when the learnt server clock (or PUBLIC_URL) changes; returns the offset. */
export function useServerClock(): number {
  return useSyncExternalStore(onServerClockChange, serverClockOffset, serverClockOffset);
}

/** Asks the server for its time (GET /healthz → {time}); failures leave the clock as it was. */
export async function syncServerClock(): Promise<void> {
  try {
    const res = await globalThis.fetch("/healthz", { headers: { Accept: "application/json" } });
    if (!res.ok) return;
    const body = (await res.json()) as { time?: unknown; publicUrl?: unknown };
    if (typeof body.time === "string") learnServerTime(body.time);
    if (typeof body.publicUrl === "string") learnPublicUrl(body.publicUrl);
  } catch {
    // Offline or no such endpoint: the browser's clock it is.
  }
}

let publicUrl: string | null = null;

/** The server's PUBLIC_URL (where checkout and mailed links lead), once the server said it. */
export function serverPublicUrl(): string | null {
  return publicUrl;
}

/** Re-renders the caller once the server names its PUBLIC_URL; returns it. */
export function useServerPublicUrl(): string | null {
  return useSyncExternalStore(onServerClockChange, serverPublicUrl, serverPublicUrl);
}

export function learnPublicUrl(url: string): void {
  const trimmed = url.replace(/\/+$/, "");
  if (trimmed === publicUrl) return;
  publicUrl = trimmed;
  for (const listener of listeners) listener();
}

export function resetPublicUrl(): void {
  publicUrl = null;
  for (const listener of listeners) listener();
}
