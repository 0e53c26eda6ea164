import type { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

type Client = Prisma.TransactionClient | typeof db;

export type AuditEntry = {
  actorId?: string | null;
  apiKeyId?: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  // Never raw prompt text, passwords or tokens: the audit log is read by people.
  details?: Prisma.InputJsonValue;
};

/** Records who did what; call it inside the transaction that made the change. */
export async function writeAudit(client: Client, entry: AuditEntry): Promise<void> {
  await client.auditLog.create({ data: entry });
}
