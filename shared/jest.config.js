module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/src"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: { isolatedModules: true, types: ["node", "jest"] }, diagnostics: false }] },
};
