import "dotenv/config";
import { defineConfig } from "prisma/config";

// Prisma 7's CLI tries to download a native schema engine first, which fails offline. generate,
// validate and format do not need it; migrations go through scripts/migrate.ts (wasm engine).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= "/bin/false";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/unused" },
});
