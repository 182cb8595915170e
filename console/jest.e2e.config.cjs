// End-to-end tests: a real browser (playwright-core driving the system's
// Chromium) against the real server, started once by e2e/global.setup.ts on a
// free port with a fresh SQLite database. Needs `pnpm build` first.

/** @type {import('jest').Config} */
module.exports = {
  displayName: "e2e",
  testEnvironment: "node",
  roots: ["<rootDir>/e2e"],
  testMatch: ["**/*.e2e.ts"],
  globalSetup: "<rootDir>/e2e/global.setup.ts",
  globalTeardown: "<rootDir>/e2e/global.teardown.ts",
  // One server, one browser at a time: SQLite is single-process, and the
  // screenshots are easier to read in order.
  maxWorkers: 1,
  testTimeout: 90_000,
  transform: {
    "^.+\\.ts$": [
      "<rootDir>/jest/ts.transform.cjs",
      {
        tsconfig: {
          target: "ES2022",
          module: "commonjs",
          moduleResolution: "bundler",
          esModuleInterop: true,
          isolatedModules: true,
          rootDir: __dirname,
        },
      },
    ],
  },
};
