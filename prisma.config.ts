import { defineConfig } from "prisma/config";
import { env } from "./lib/env";

// The CLI (generate, and migrate where Prisma's engine can be downloaded) reads this.
// The app and scripts resolve the database themselves (lib/db/database-url.ts), so DATABASE_URL is optional here.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: env().DATABASE_URL ?? "postgresql://localhost:5432/presswatch" },
});
