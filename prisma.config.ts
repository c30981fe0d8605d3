import { defineConfig } from "prisma/config";

// The CLI (generate, and migrate where Prisma's engine can be downloaded) reads this.
// The app and scripts resolve the database themselves (lib/db-url.ts), so DATABASE_URL is optional here.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/presswatch" },
});
