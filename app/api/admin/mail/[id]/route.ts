import { readFile } from "node:fs/promises";
import path from "node:path";
import { defineRoute } from "@/lib/api/define-route";
import { parseInput } from "@/lib/actions/run-action";
import { getMailMessage } from "@/lib/data/watch-deliveries";
import { NotFoundError } from "@/lib/errors";
import { mailDir } from "@/lib/watches/mail";
import { recordId } from "@/lib/validation/article-actions";
import { z } from "zod";

// One .eml file of Admin -> Mail, as plain text (never rendered as HTML in the app's origin).
export const dynamic = "force-dynamic";

export const GET = defineRoute<{ id: string }>({ permission: "mail:read" }, async ({ actor, params }) => {
  const { id } = parseInput(z.object({ id: recordId }), params);
  const message = await getMailMessage(id, actor);
  if (!message) throw new NotFoundError("No such message.");
  const text = await readFile(path.join(mailDir(), path.basename(message.fileName)), "utf8").catch(() => null);
  if (text === null) throw new NotFoundError("The message's file is gone from the mail folder.");
  return new Response(text, {
    headers: {
      "content-type": "text/plain; charset=utf-8",
      "content-disposition": `inline; filename="${path.basename(message.fileName)}"`,
      "x-content-type-options": "nosniff",
    },
  });
});
