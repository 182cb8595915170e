import { fileURLToPath, URL } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const API = "http://localhost:4000";

// `/orgs/:orgId` is also a console route: let page loads through to the SPA and
// proxy only API-style requests (anything that does not ask for HTML).
const apiOnly = {
  target: API,
  changeOrigin: false,
  bypass(req: { headers: { accept?: string } }) {
    return req.headers.accept?.includes("text/html") ? "/index.html" : undefined;
  },
};

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: {
      // Consumed as source so the console needs no separate build of `shared`.
      "@team-billing/shared": fileURLToPath(new URL("../shared/src/index.ts", import.meta.url)),
    },
  },
  server: {
    port: 5173,
    proxy: {
      "/graphql": { target: API, changeOrigin: false },
      "/stripe": apiOnly,
      "/orgs": apiOnly,
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than our code: one long-cached vendor
        // chunk; each lazy page stays its own chunk.
        codeSplitting: { groups: [{ name: "vendor", test: /node_modules/ }] },
      },
    },
  },
});
