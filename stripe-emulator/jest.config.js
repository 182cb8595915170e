/** Jest runs the TypeScript sources through ts-jest in transpile-only mode (isolatedModules) for speed;
 * `npx tsc -p tsconfig.test.json` type-checks the tests separately. */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/src", "<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "<rootDir>/tsconfig.test.json" }] },
  moduleNameMapper: { "^@team-billing/shared$": "<rootDir>/../shared/src/index.ts" },
  testTimeout: 20000,
};
