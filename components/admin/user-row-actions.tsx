"use client";

import { useActionState } from "react";
import { changeRoleAction, resetPasswordAction, setActiveAction } from "@/lib/actions/users";
import type { ActionState } from "@/lib/actions/run-action";
import type { Role } from "@/lib/generated/prisma/enums";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { ActionMessage } from "@/components/ui/action-message";

export function RoleForm({ userId, role, label }: { userId: number; role: Role; label: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(changeRoleAction, null);
  return (
    <form action={action} className="flex items-center gap-1.5">
      <input type="hidden" name="userId" value={userId} />
      <Select name="role" defaultValue={role} aria-label={`Role of ${label}`} className="h-7 w-28 text-xs">
        <option value="VIEWER">Viewer</option>
        <option value="ANALYST">Analyst</option>
        <option value="ADMIN">Admin</option>
      </Select>
      <Button type="submit" size="sm" disabled={pending}>
        Save
      </Button>
      <ActionMessage state={state} />
    </form>
  );
}

export function ActiveForm({ userId, active, label }: { userId: number; active: boolean; label: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(setActiveAction, null);
  return (
    <form action={action} className="inline-flex items-center gap-1.5">
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="active" value={active ? "false" : "true"} />
      <Button
        type="submit"
        size="sm"
        variant={active ? "danger" : "secondary"}
        disabled={pending}
        aria-label={`${active ? "Deactivate" : "Reactivate"} ${label}`}
      >
        {active ? "Deactivate" : "Reactivate"}
      </Button>
      <ActionMessage state={state} />
    </form>
  );
}

export function ResetPasswordForm({ userId, label }: { userId: number; label: string }) {
  const [state, action, pending] = useActionState<ActionState<{ temporaryPassword: string }>, FormData>(
    resetPasswordAction,
    null,
  );
  return (
    <form action={action} className="inline-flex items-center gap-1.5">
      <input type="hidden" name="userId" value={userId} />
      <Button type="submit" size="sm" variant="ghost" disabled={pending} aria-label={`Reset password of ${label}`}>
        Reset password
      </Button>
      {state?.ok && state.data ? (
        <span role="status" className="text-xs text-emerald-800">
          New password:{" "}
          <code className="rounded bg-emerald-50 px-1 font-mono select-all">{state.data.temporaryPassword}</code>
        </span>
      ) : (
        <ActionMessage state={state} />
      )}
    </form>
  );
}
