import type { ActionState } from "@/lib/actions/run-action";
import { cn } from "@/components/ui/cn";

/** An action's outcome next to its control: the message in green, or the refusal as an alert. */
export function ActionMessage({ state, className }: { state: ActionState<unknown>; className?: string }) {
  if (!state) return null;
  return state.ok ? (
    <span role="status" className={cn("text-xs text-emerald-700", className)}>
      {state.message}
    </span>
  ) : (
    <span role="alert" className={cn("text-xs text-red-700", className)}>
      {state.error}
    </span>
  );
}
