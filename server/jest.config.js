// Every server test file runs twice: on SQLite and on MariaDB (a database per file).
const base = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: "<rootDir>/test/tsconfig.json", diagnostics: false }],
  },
  moduleNameMapper: { "^@team-billing/shared$": "<rootDir>/../shared/src/index.ts" },
};

module.exports = {
  testTimeout: 60_000,
  projects: [
    { ...base, displayName: "sqlite", setupFiles: ["<rootDir>/test/support/use-sqlite.ts"] },
    { ...base, displayName: "mariadb", setupFiles: ["<rootDir>/test/support/use-mariadb.ts"] },
  ],
};
