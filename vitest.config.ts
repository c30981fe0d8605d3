import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Unit tests (lib/**/*.test.ts) and integration tests (*.int.test.ts, against a real PostgreSQL
// database that test/global-setup.ts creates for the run and drops afterwards).
export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./", import.meta.url)),
      "server-only": fileURLToPath(new URL("./test/server-only-stub.ts", import.meta.url)),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "app/**/*.test.ts", "scripts/**/*.test.ts", "test/**/*.test.ts"],
    exclude: ["node_modules", "e2e", ".next", ".data", "test/faults"],
    globalSetup: ["test/global-setup.ts"],
    pool: "forks",
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
