"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { requirePermission } from "@/lib/auth/session";
import { clientAddress } from "@/lib/auth/throttle";
import { changeUserRole, createUser, resetUserPassword, setUserActive } from "@/lib/data/users";
import { formToObject, parseInput, runAction, type ActionResult, type ActionState } from "@/lib/actions/run-action";
import { changeRoleSchema, createUserSchema, resetPasswordSchema, setActiveSchema } from "@/lib/validation/users";

async function adminActor() {
  const user = await requirePermission("users:manage");
  return { id: user.id, ip: clientAddress(await headers()) };
}

export async function createUserAction(_state: ActionState<{ temporaryPassword: string | null }>, formData: FormData) {
  return runAction(async (): Promise<ActionResult<{ temporaryPassword: string | null }>> => {
    const actor = await adminActor();
    const input = parseInput(createUserSchema, formToObject(formData));
    const { temporaryPassword } = await createUser(actor, input);
    revalidatePath("/admin/users");
    return { ok: true, message: `Created ${input.email}.`, data: { temporaryPassword } };
  });
}

export async function changeRoleAction(_state: ActionState, formData: FormData) {
  return runAction(async (): Promise<ActionResult> => {
    const actor = await adminActor();
    const input = parseInput(changeRoleSchema, formToObject(formData));
    await changeUserRole(actor, input.userId, input.role);
    revalidatePath("/admin/users");
    return { ok: true, message: "Role saved." };
  });
}

export async function setActiveAction(_state: ActionState, formData: FormData) {
  return runAction(async (): Promise<ActionResult> => {
    const actor = await adminActor();
    const input = parseInput(setActiveSchema, formToObject(formData));
    await setUserActive(actor, input.userId, input.active);
    revalidatePath("/admin/users");
    return {
      ok: true,
      message: input.active ? "Account reactivated." : "Account deactivated; its sessions have ended.",
    };
  });
}

export async function resetPasswordAction(_state: ActionState<{ temporaryPassword: string }>, formData: FormData) {
  return runAction(async (): Promise<ActionResult<{ temporaryPassword: string }>> => {
    const actor = await adminActor();
    const input = parseInput(resetPasswordSchema, formToObject(formData));
    const { temporaryPassword, email } = await resetUserPassword(actor, input.userId);
    revalidatePath("/admin/users");
    return { ok: true, message: `New temporary password for ${email}:`, data: { temporaryPassword } };
  });
}
