import "server-only";
import { headers } from "next/headers";
import type { z } from "zod";
import { getCurrentUser } from "@/lib/auth/session";
import { clientAddress } from "@/lib/auth/client-address";
import type { Actor } from "@/lib/data/actor";
import { ForbiddenError, UnauthorizedError } from "@/lib/errors";
import { can, type Permission } from "@/lib/permissions";
import { formToObject, parseInput, runAction, type ActionResult, type ActionState } from "@/lib/actions/run-action";

// The one way a server action is written:
//
//   export const addTagAction = defineAction(
//     { permission: "articles:tag", schema: addTagSchema },
//     async ({ actor, input }) => ({ ok: true, message: "Tagged.", data: await addTag(input, actor) }),
//   );
//
// The action checks the session and the permission on the server first (any of a list, for an action whose
// exact permission depends on its input: the data layer then checks that one again), parses its input with
// the schema (a <form>'s FormData, or an object from a direct call), and turns failures into a plain result:
// expected errors keep their message, anything else is logged and masked (run-action.ts). Next's redirect
// and notFound pass through. Callers call it as `action(previousState, input)`, as useActionState does.

export type ActionOptions<Schema extends z.ZodType> = {
  permission: Permission | readonly Permission[];
  schema: Schema;
  /** How a <form> maps onto the schema, when one value per field is not enough (a multiple select). */
  fromForm?: (formData: FormData) => unknown;
};

export type ActionContext<Input> = { actor: Actor; input: Input };

export type Action<Input, Data> = (state: ActionState<Data>, input: FormData | Input) => Promise<ActionResult<Data>>;

/** The signed-in user as the Actor of a write, or 401/403 as an expected error. */
export async function requireActor(permission: Permission | readonly Permission[]): Promise<Actor> {
  const user = await getCurrentUser();
  if (!user) throw new UnauthorizedError();
  const needed = typeof permission === "string" ? [permission] : permission;
  if (!needed.some((one) => can(user.role, one))) throw new ForbiddenError();
  return { id: user.id, role: user.role, ip: clientAddress(await headers()), timeZone: user.timeZone };
}

export function defineAction<Schema extends z.ZodType, Data = undefined>(
  options: ActionOptions<Schema>,
  body: (context: ActionContext<z.output<Schema>>) => Promise<ActionResult<Data>>,
): Action<z.input<Schema>, Data> {
  return async (_state, raw) =>
    runAction(async () => {
      const actor = await requireActor(options.permission);
      const source = raw instanceof FormData ? (options.fromForm ?? formToObject)(raw) : raw;
      return body({ actor, input: parseInput(options.schema, source) as z.output<Schema> });
    });
}
