import { after } from "next/server";
import { defineRoute } from "@/lib/api/define-route";
import { InvalidError } from "@/lib/errors";
import { startFileUpload } from "@/lib/ingest/file-upload";
import { MAX_UPLOAD_BYTES, uploadFileNameSchema } from "@/lib/validation/ingest";

// POST /api/ingest/file: the raw bytes of a JSONL or CSV article file, its name in X-File-Name (URI-encoded).
// Answers 202 {"runId"} once the whole body has been read; the import's last chunks finish after the
// answer, and GET /api/ingest/runs/[id] reports them. The custom header keeps cross-site forms out: a page
// elsewhere cannot send it without a CORS preflight, which this route does not grant.

export const POST = defineRoute({ permission: "ingest:create", scope: "INGEST" }, async ({ request, actor }) => {
  const name = uploadFileNameSchema.safeParse(request.headers.get("x-file-name") ?? undefined);
  if (!name.success) throw new InvalidError(name.error.issues[0].message);
  const length = request.headers.get("content-length");
  const declaredBytes = length !== null && /^\d+$/.test(length) ? Number(length) : null;
  if (!request.body || declaredBytes === 0) throw new InvalidError("The file is empty.");

  const upload = await startFileUpload(request.body, {
    fileName: name.data,
    declaredBytes,
    maxBytes: MAX_UPLOAD_BYTES,
    actor,
  });
  after(upload.finished);
  return Response.json(
    { runId: upload.runId, bytes: upload.bytes },
    { status: 202, headers: { "Cache-Control": "no-store" } },
  );
});
