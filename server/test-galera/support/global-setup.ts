import { clusterUp } from "./cluster";

/** Brings the cluster up once for the whole suite (or reuses the one running). */
export default function globalSetup(): void {
  const started = clusterUp();
  (globalThis as { galeraStartedBySuite?: boolean }).galeraStartedBySuite = started;
}
