// `pnpm test:galera`: the Galera suite (scripts/galera brings up the cluster). Not part of
// `pnpm test`: jest.config.js reads ./test only. One file at a time: they share the cluster.
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test-galera"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: "<rootDir>/test-galera/tsconfig.json", diagnostics: false }],
  },
  moduleNameMapper: { "^@team-billing/shared$": "<rootDir>/../shared/src/index.ts" },
  maxWorkers: 1,
  testTimeout: 600_000,
  // The fixtures' in-process servers and the per-node checks use the same variables as the processes.
  setupFiles: ["<rootDir>/test-galera/support/env.ts"],
  globalSetup: "<rootDir>/test-galera/support/global-setup.ts",
  globalTeardown: "<rootDir>/test-galera/support/global-teardown.ts",
};
