import { join, resolve } from "node:path";

/** The console package (…/console); e2e files live in …/console/e2e. */
export const CONSOLE_DIR = resolve(import.meta.dirname, "..", "..");
export const REPO_ROOT = resolve(CONSOLE_DIR, "..");
export const SERVER_MAIN = join(REPO_ROOT, "server", "dist", "main.js");
export const CONSOLE_DIST = join(CONSOLE_DIR, "dist");
/** Screenshots and the server's log; ignored by git (the root `artifacts/` rule). */
export const ARTIFACTS_DIR = join(CONSOLE_DIR, "e2e", "artifacts");
