// CommonJS because the package is "type": "module" and Jest reads configs with require().
// Tests are transpiled by ts-jest (type-checking is tsc's job: `tsc -p tsconfig.json`).

// react-router 8 and its two dependencies ship ESM only, so Jest (CommonJS) must
// transpile them too; everything else in node_modules is left alone. pnpm keeps
// packages under node_modules/.pnpm/<name>@<version>/node_modules/<name>.
const ESM_ONLY = ["react-router", "@remix-run/route-pattern", "cookie-es"];
const pnpmName = (name) => name.replace("/", "\\+");
const esmPattern = ESM_ONLY.flatMap((name) => [`${name}/`, `\\.pnpm/${pnpmName(name)}@`]).join("|");

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "jsdom",
  roots: ["<rootDir>/src"],
  testMatch: ["**/*.test.ts?(x)"],
  setupFiles: ["<rootDir>/jest/globals.setup.cjs", "<rootDir>/jest/dialog.setup.cjs"],
  setupFilesAfterEnv: ["<rootDir>/jest/testing-library.setup.cjs"],
  moduleNameMapper: {
    // Same source the Vite alias and tsconfig paths point at.
    "^@team-billing/shared$": "<rootDir>/../shared/src/index.ts",
    "\\.css$": "<rootDir>/jest/style.stub.cjs",
  },
  transform: {
    "^.+\\.[cm]?[tj]sx?$": [
      "<rootDir>/jest/ts.transform.cjs",
      {
        tsconfig: {
          target: "ES2022",
          module: "commonjs",
          moduleResolution: "bundler",
          jsx: "react-jsx",
          allowJs: true,
          esModuleInterop: true,
          isolatedModules: true,
          // TS 6 wants an explicit root; the workspace root spans src, ../shared and node_modules.
          rootDir: require("node:path").resolve(__dirname, ".."),
        },
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPattern}))`],
};
