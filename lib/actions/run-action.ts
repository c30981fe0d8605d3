import "server-only";
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { logger, requestLogger } from "@/lib/log";
import { isDatabaseUnavailable } from "@/lib/db/availability";
import { AppError, InvalidError, ServiceUnavailableError } from "@/lib/errors";

export type ActionResult<T = undefined> =
  { ok: true; message?: string; data?: T } | { ok: false; error: string; fieldErrors?: Record<string, string[]> };

export type ActionState<T = undefined> = ActionResult<T> | null;

/**
 * Runs an action body and turns failures into a plain result: expected errors (AppError) keep their
 * message, everything else is logged and masked. Next's redirect and notFound signals pass through.
 */
export async function runAction<T>(body: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await body();
  } catch (error) {
    unstable_rethrow(error);
    if (error instanceof InvalidError) return { ok: false, error: error.message, fieldErrors: error.fieldErrors };
    if (error instanceof AppError) return { ok: false, error: error.message };
    if (isDatabaseUnavailable(error)) return { ok: false, error: new ServiceUnavailableError().message };
    (await actionLogger()).error({ err: error }, "action failed");
    return { ok: false, error: "Something went wrong on our side. Please try again." };
  }
}

/** The log with the request's id, when the action runs inside a request (a test calls it outside one). */
async function actionLogger() {
  try {
    return requestLogger(await headers());
  } catch {
    return logger;
  }
}

/** Parses with a zod schema, throwing an InvalidError whose field errors the form can show. */
export function parseInput<T>(
  schema: {
    safeParse(
      input: unknown,
    ): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  input: unknown,
): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join(".") || "form";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  const first = result.error.issues[0]?.message ?? "Check the form.";
  throw new InvalidError(first, fieldErrors);
}

export function formToObject(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of formData.entries())
    if (typeof value === "string" && !key.startsWith("$ACTION")) out[key] = value;
  return out;
}
