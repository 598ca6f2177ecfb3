import { defineConfig } from "prisma/config";

// The CLI is used only for `prisma generate` (see scripts/generate.mjs); migrations are applied by
// src/migrate.ts, so no datasource URL is needed here.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
