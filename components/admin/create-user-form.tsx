"use client";

import { useActionState } from "react";
import { createUserAction } from "@/lib/actions/users";
import type { ActionState } from "@/lib/actions/run-action";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";

export function CreateUserForm() {
  const [state, action, pending] = useActionState<ActionState<{ temporaryPassword: string | null }>, FormData>(
    createUserAction,
    null,
  );
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={action} className="space-y-3" aria-label="Add a user">
      <Field label="Name" error={errors.name?.[0]}>
        {(props) => <Input name="name" required autoComplete="off" {...props} />}
      </Field>
      <Field label="Email" error={errors.email?.[0]}>
        {(props) => <Input name="email" type="email" required autoComplete="off" {...props} />}
      </Field>
      <Field label="Role" error={errors.role?.[0]}>
        {(props) => (
          <Select name="role" defaultValue="ANALYST" {...props}>
            <option value="VIEWER">Viewer: reads, searches, exports</option>
            <option value="ANALYST">Analyst: also tags, annotates, ingests</option>
            <option value="ADMIN">Admin: also manages the team</option>
          </Select>
        )}
      </Field>
      <Field
        label="Password (optional)"
        hint="Leave empty to generate a temporary password."
        error={errors.password?.[0]}
      >
        {(props) => <Input name="password" type="password" autoComplete="new-password" {...props} />}
      </Field>
      {state && !state.ok ? <Notice tone="error">{state.error}</Notice> : null}
      {state?.ok ? (
        <Notice tone="success">
          {state.message}
          {state.data?.temporaryPassword ? (
            <>
              {" "}
              Temporary password (shown once):{" "}
              <code className="rounded bg-white px-1 font-mono select-all">{state.data.temporaryPassword}</code>
            </>
          ) : null}
        </Notice>
      ) : null}
      <Button type="submit" variant="primary" disabled={pending}>
        {pending ? "Adding…" : "Add user"}
      </Button>
    </form>
  );
}
