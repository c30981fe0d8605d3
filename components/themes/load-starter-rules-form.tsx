"use client";

import { useActionState } from "react";
import { loadStarterRulesAction } from "@/lib/actions/themes";
import type { ActionState } from "@/lib/actions/run-action";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";

/** For a database seeded before rules existed: adds the starter rules to starter themes without any. */
export function LoadStarterRulesForm() {
  const [state, action, pending] = useActionState<ActionState, FormData>(loadStarterRulesAction, null);
  return (
    <form action={action} className="flex items-center gap-2">
      {state ? <Notice tone={state.ok ? "success" : "error"}>{state.ok ? state.message : state.error}</Notice> : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Loading…" : "Load starter rules"}
      </Button>
    </form>
  );
}
