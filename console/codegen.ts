import type { CodegenConfig } from "@graphql-codegen/cli";

// Reads the checked-in schema file, never a live server (CONVENTIONS.md §9):
// the server regenerates ../schema.graphql and CI fails when it is stale.
const config: CodegenConfig = {
  schema: "../schema.graphql",
  documents: ["src/**/*.tsx", "!src/gql/**"],
  generates: {
    "src/gql/": {
      preset: "client",
      // Components read their own fields; Apollo's cache keeps them consistent,
      // so masking would only add ceremony here.
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        strictScalars: true,
        scalars: { DateTime: "string" },
      },
    },
  },
};

export default config;
