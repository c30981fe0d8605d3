import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Fault tests (test/faults/*.fault.test.ts): real processes and a PostgreSQL of their own that they stop,
// start and kill. They take seconds to minutes each, so they are a project apart (`npm run test:faults`),
// which `npm test` runs after the end-to-end tests (their production build is reused).
export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./", import.meta.url)),
      "server-only": fileURLToPath(new URL("./test/server-only-stub.ts", import.meta.url)),
    },
  },
  test: {
    include: ["test/faults/**/*.fault.test.ts"],
    pool: "forks",
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 120_000,
  },
});
