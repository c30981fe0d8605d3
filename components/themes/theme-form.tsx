"use client";

import { useActionState } from "react";
import { createThemeAction, deleteThemeAction, updateThemeAction } from "@/lib/actions/themes";
import type { ActionState } from "@/lib/actions/run-action";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";

export type ThemeFormValues = {
  id?: number;
  name: string;
  description: string;
  color: string;
  parentId: number | null;
};

export function ThemeForm({ theme, parents }: { theme?: ThemeFormValues; parents: { id: number; name: string }[] }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(
    theme?.id ? updateThemeAction : createThemeAction,
    null,
  );
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={action} className="space-y-3" aria-label={theme?.id ? "Edit theme" : "Add a theme"}>
      {theme?.id ? <input type="hidden" name="themeId" value={theme.id} /> : null}
      <Field label="Name" error={errors.name?.[0]}>
        {(props) => (
          <Input name="name" required maxLength={60} defaultValue={theme?.name} autoComplete="off" {...props} />
        )}
      </Field>
      <Field label="Description" error={errors.description?.[0]}>
        {(props) => (
          <Textarea name="description" rows={2} maxLength={500} defaultValue={theme?.description} {...props} />
        )}
      </Field>
      <div className="flex gap-3">
        <Field label="Colour" error={errors.color?.[0]}>
          {(props) => (
            <input
              type="color"
              name="color"
              defaultValue={theme?.color ?? "#475569"}
              className="h-8 w-14 rounded border border-slate-300 bg-white"
              {...props}
            />
          )}
        </Field>
        <Field label="Parent (optional)" error={errors.parentId?.[0]} className="flex-1">
          {(props) => (
            <Select name="parentId" defaultValue={theme?.parentId ?? ""} {...props}>
              <option value="">None</option>
              {parents
                .filter((parent) => parent.id !== theme?.id)
                .map((parent) => (
                  <option key={parent.id} value={parent.id}>
                    {parent.name}
                  </option>
                ))}
            </Select>
          )}
        </Field>
      </div>
      {state && !state.ok ? <Notice tone="error">{state.error}</Notice> : null}
      {state?.ok ? <Notice tone="success">{state.message}</Notice> : null}
      <Button type="submit" variant="primary" disabled={pending}>
        {pending ? "Saving…" : theme?.id ? "Save theme" : "Add theme"}
      </Button>
    </form>
  );
}

export function DeleteThemeForm({ themeId, name }: { themeId: number; name: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(deleteThemeAction, null);
  return (
    <form
      action={action}
      onSubmit={(event) => {
        if (!confirm(`Delete the theme "${name}", its rules and every article's link to it?`)) event.preventDefault();
      }}
    >
      <input type="hidden" name="themeId" value={themeId} />
      <Button type="submit" variant="danger" size="sm" disabled={pending}>
        Delete theme
      </Button>
      {state && !state.ok ? (
        <Notice tone="error" className="mt-2">
          {state.error}
        </Notice>
      ) : null}
    </form>
  );
}
