import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";

type AuditWriter = Pick<typeof db, "auditEvent"> | Prisma.TransactionClient;

export type AuditInput = {
  actorId: number | null;
  action: string;
  targetType?: string;
  targetId?: string | number;
  meta?: Prisma.InputJsonObject;
  ip?: string | null;
};

/** Writes one audit event; pass the transaction client so the event commits with the change it records. */
export async function recordAudit(writer: AuditWriter, input: AuditInput): Promise<void> {
  await writer.auditEvent.create({
    data: {
      actorId: input.actorId,
      action: input.action,
      targetType: input.targetType,
      targetId: input.targetId === undefined ? undefined : String(input.targetId),
      meta: input.meta ?? {},
      ip: input.ip ?? null,
    },
  });
}

/** recordAudit for a write that has no transaction of its own (a sign-in, a sign-out). */
export async function audit(input: AuditInput): Promise<void> {
  await recordAudit(db, input);
}

export async function listAuditEvents(options: { before?: bigint; take?: number } = {}) {
  const take = options.take ?? 100;
  return db.auditEvent.findMany({
    where: options.before ? { id: { lt: options.before } } : undefined,
    orderBy: { id: "desc" },
    take,
    include: { actor: { select: { email: true, name: true } } },
  });
}
