import { clusterDown } from "./cluster";

/** Stops the cluster if the suite started it (GALERA_KEEP=1 leaves it running for the next run). */
export default function globalTeardown(): void {
  const started = (globalThis as { galeraStartedBySuite?: boolean }).galeraStartedBySuite;
  if (started && !process.env.GALERA_KEEP) clusterDown();
}
