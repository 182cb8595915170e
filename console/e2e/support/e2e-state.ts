import type { ChildProcess } from "node:child_process";

/** What global.setup.ts leaves for global.teardown.ts (Jest runs both in its main process). */
export interface E2eState {
  server: ChildProcess;
  dataDir: string;
  closeSmtp: () => Promise<void>;
}

declare global {
  var __teamBillingE2e: E2eState | undefined;
}
