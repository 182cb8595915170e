import type { CodegenConfig } from "@graphql-codegen/cli";

// Types the server tests' documents from the checked-in schema, as the console does
// (console/codegen.ts): a test written with `graphql(...)` from ./test/gql gets its
// data and variables typed, and breaks when the schema stops serving it.
const config: CodegenConfig = {
  schema: "../schema.graphql",
  documents: ["test/**/*.ts", "!test/gql/**"],
  generates: {
    "test/gql/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        strictScalars: true,
        // Over HTTP a DateTime is its ISO text.
        scalars: { DateTime: "string" },
      },
    },
  },
};

export default config;
