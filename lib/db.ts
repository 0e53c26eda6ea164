import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

function createClient(): PrismaClient {
  // Creating the client must not throw without DATABASE_URL: `next build` imports this module
  // while collecting pages. The first query fails instead, with a clear connection error.
  const connectionString = process.env.DATABASE_URL ?? "postgresql://localhost:1/unset";
  const adapter = new PrismaPg({ connectionString, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  return new PrismaClient({ adapter });
}

/** The one Prisma client of this process (kept on globalThis so dev reloads reuse it). */
export const db: PrismaClient = globalForPrisma.prisma ?? createClient();
globalForPrisma.prisma = db;
