"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { changeUserRole, createUser, resetUserPassword, setUserActive } from "@/lib/data/users";
import type { ActionResult } from "@/lib/actions/run-action";
import { changeRoleSchema, createUserSchema, resetPasswordSchema, setActiveSchema } from "@/lib/validation/users";

export const createUserAction = defineAction(
  { permission: "users:manage", schema: createUserSchema },
  async ({ actor, input }): Promise<ActionResult<{ temporaryPassword: string | null }>> => {
    const { temporaryPassword } = await createUser(actor, input);
    revalidatePath("/admin/users");
    return { ok: true, message: `Created ${input.email}.`, data: { temporaryPassword } };
  },
);

export const changeRoleAction = defineAction(
  { permission: "users:manage", schema: changeRoleSchema },
  async ({ actor, input }): Promise<ActionResult> => {
    await changeUserRole(actor, input.userId, input.role);
    revalidatePath("/admin/users");
    return { ok: true, message: "Role saved." };
  },
);

export const setActiveAction = defineAction(
  { permission: "users:manage", schema: setActiveSchema },
  async ({ actor, input }): Promise<ActionResult> => {
    await setUserActive(actor, input.userId, input.active);
    revalidatePath("/admin/users");
    return {
      ok: true,
      message: input.active ? "Account reactivated." : "Account deactivated; its sessions have ended.",
    };
  },
);

export const resetPasswordAction = defineAction(
  { permission: "users:manage", schema: resetPasswordSchema },
  async ({ actor, input }): Promise<ActionResult<{ temporaryPassword: string }>> => {
    const { temporaryPassword, email } = await resetUserPassword(actor, input.userId);
    revalidatePath("/admin/users");
    return { ok: true, message: `New temporary password for ${email}:`, data: { temporaryPassword } };
  },
);
