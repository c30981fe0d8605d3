import { ForbiddenError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { can, type Permission } from "@/lib/permissions";

// Who is writing: the signed-in person an action or route acts for (lib/actions/define-action.ts builds it).
// The data functions check the permission again with the actor's role, so the rule holds whatever calls
// them (an action, a script, a test): a viewer's forged request stops here too.

export type Actor = { id: number; role: Role; ip?: string | null; timeZone?: string };

/** A command run on the server itself (`npm run token`): no person, no address. */
export type SystemActor = { id: null; ip?: null };

/** Throws ForbiddenError unless the actor's role grants `permission`. */
export function authorize(actor: Actor, permission: Permission): void {
  if (!can(actor.role, permission)) throw new ForbiddenError();
}

/** Renaming or deleting team-wide tags, undoing anyone's bulk action, deleting anyone's view. */
export function isAdmin(actor: Actor): boolean {
  return actor.role === "ADMIN";
}

export function authorizeAdmin(actor: Actor): void {
  if (!isAdmin(actor)) throw new ForbiddenError("Only an admin can do that.");
}
