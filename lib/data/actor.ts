import { ForbiddenError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { can, type Permission } from "@/lib/permissions";

// Who is writing, for the analyst's desk (tags, review status, themes by hand, bulk actions, annotations,
// saved views). The data functions check the permission again with the actor's role, so the rule holds
// whatever calls them (an action, a script, a test): a viewer's forged request stops here too.

export type DeskActor = { id: number; role: Role; ip?: string | null };

/** Throws ForbiddenError unless the actor's role grants `permission`. */
export function authorize(actor: DeskActor, permission: Permission): void {
  if (!can(actor.role, permission)) throw new ForbiddenError();
}

/** Renaming or deleting team-wide tags, undoing anyone's bulk action, deleting anyone's view. */
export function isAdmin(actor: DeskActor): boolean {
  return actor.role === "ADMIN";
}

export function authorizeAdmin(actor: DeskActor): void {
  if (!isAdmin(actor)) throw new ForbiddenError("Only an admin can do that.");
}
