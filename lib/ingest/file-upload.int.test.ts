import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { startFileUpload, UploadError } from "@/lib/ingest/file-upload";
import { createTestUser, randomTag } from "@/test/factories";

// Uploads as the route handler sees them: a web ReadableStream of the request body, in pieces. This
// file's stories carry a random tag and dates in 2093 so other test files neither collide with them nor
// near-duplicate them.

const TAG = randomTag();
const OUTLET = `Upload Test ${TAG}`;
const MAX = 1024 * 1024;

let actor: { id: number };

beforeAll(async () => {
  actor = await createTestUser(TAG, "upload", { role: "ANALYST", name: `Upload ${TAG}` });
});

function story(n: number, extra: Record<string, unknown> = {}) {
  return JSON.stringify({
    title: `Upload story ${n} [${TAG}]`,
    published: `2093-05-${String(1 + (n % 28)).padStart(2, "0")}`,
    source: OUTLET,
    url: `https://upload-test.example/${TAG}/${n}`,
    body: `Pyongyang, May ${1 + (n % 28)} (KCNA) -- Upload story number ${n} of ${TAG}, a test of the browser upload.`,
    ...extra,
  });
}

/** The body as a browser sends it: in pieces that split lines and characters. */
function body(text: string, pieceSize = 1000): ReadableStream<Uint8Array> {
  const bytes = Buffer.from(text, "utf8");
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(new Uint8Array(bytes.subarray(offset, offset + pieceSize)));
      offset += pieceSize;
    },
  });
}

function upload(text: string, fileName: string, options: { declaredBytes?: number | null; maxBytes?: number } = {}) {
  return startFileUpload(body(text), {
    fileName,
    declaredBytes: options.declaredBytes === undefined ? Buffer.byteLength(text) : options.declaredBytes,
    maxBytes: options.maxBytes ?? MAX,
    actor: { id: actor.id, ip: "203.0.113.9" },
  });
}

describe("startFileUpload", () => {
  it("answers with the run once the body is read, stores the good lines, reports the bad one, and adds nothing the second time", async () => {
    const lines = [story(1), story(2), story(3), story(4, { published: "yesterday" }), story(5), "", story(6)];
    const text = lines.join("\n") + "\n";

    const first = await upload(text, `upload-${TAG}.jsonl`);
    expect(first.bytes).toBe(Buffer.byteLength(text));
    expect(first.expected).toBe(6);
    await first.finished;
    const run = await db.ingestRun.findUniqueOrThrow({ where: { id: first.runId }, include: { errors: true } });
    expect(run).toMatchObject({
      kind: "FILE",
      status: "PARTIAL",
      label: `upload-${TAG}.jsonl`,
      triggeredById: actor.id,
      fetched: 6,
      created: 5,
      duplicates: 0,
      failed: 1,
    });
    expect(run.errors).toMatchObject([
      { location: "line 4", reason: expect.stringMatching(/published: expected a date/) },
    ]);
    expect(
      await db.auditEvent.count({ where: { action: "ingest.file", targetId: String(first.runId), actorId: actor.id } }),
    ).toBe(1);

    const second = await upload(text, `upload-${TAG}.jsonl`);
    await second.finished;
    expect(await db.ingestRun.findUniqueOrThrow({ where: { id: second.runId } })).toMatchObject({
      created: 0,
      duplicates: 5,
      failed: 1,
    });
    expect(await db.article.count({ where: { source: { name: OUTLET } } })).toBe(5);
  });

  it("sets the run's expected total while the last chunks are still being stored", async () => {
    const text = Array.from({ length: 1500 }, (_, i) => story(100 + i, { title: `Bulk upload ${i} [${TAG}]` })).join(
      "\n",
    );
    const started = await upload(text, `bulk-${TAG}.jsonl`, { maxBytes: 10 * MAX });
    expect(started.expected).toBe(1500);
    expect((await db.ingestRun.findUniqueOrThrow({ where: { id: started.runId } })).total).toBe(1500);
    await started.finished;
    expect(await db.ingestRun.findUniqueOrThrow({ where: { id: started.runId } })).toMatchObject({
      status: "SUCCEEDED",
      created: 1500,
      total: 1500,
    });
  });

  it("counts a CSV's records without its header row", async () => {
    const csv = [
      "title,published,source,body",
      `"CSV story [${TAG}]",2093-06-01,${OUTLET},"Pyongyang, June 1 (KCNA) -- A CSV story ${TAG}."`,
      "",
    ].join("\r\n");
    const started = await upload(csv, `stories-${TAG}.csv`);
    expect(started.expected).toBe(1);
    await started.finished;
    expect(await db.ingestRun.findUniqueOrThrow({ where: { id: started.runId } })).toMatchObject({
      status: "SUCCEEDED",
      created: 1,
    });
  });

  it("refuses an upload announced as too large before reading it or starting a run", async () => {
    const runsBefore = await db.ingestRun.count({ where: { triggeredById: actor.id } });
    const attempt = upload(story(900), `huge-${TAG}.jsonl`, { declaredBytes: MAX + 1 });
    await expect(attempt).rejects.toThrow(UploadError);
    await expect(upload(story(900), `huge-${TAG}.jsonl`, { declaredBytes: MAX + 1 })).rejects.toMatchObject({
      status: 413,
    });
    expect(await db.ingestRun.count({ where: { triggeredById: actor.id } })).toBe(runsBefore);
  });

  it("stops an upload that grows past the limit without announcing its size, and records why", async () => {
    const text = Array.from({ length: 40 }, (_, i) => story(2000 + i)).join("\n");
    const started = await upload(text, `liar-${TAG}.jsonl`, { declaredBytes: null, maxBytes: 2000 });
    await started.finished;
    const run = await db.ingestRun.findUniqueOrThrow({ where: { id: started.runId } });
    expect(run.status).toBe("FAILED");
    expect(run.message).toMatch(/larger than/);
    expect(
      await db.article.count({ where: { title: { startsWith: "Upload story 20" }, source: { name: OUTLET } } }),
    ).toBe(0);
  });

  it("records an upload that broke off before its announced length", async () => {
    const text = [story(3000), story(3001)].join("\n");
    const started = await upload(text, `cut-${TAG}.jsonl`, { declaredBytes: Buffer.byteLength(text) + 5000 });
    await started.finished;
    const run = await db.ingestRun.findUniqueOrThrow({ where: { id: started.runId } });
    expect(run.status).toBe("FAILED");
    expect(run.message).toMatch(/broke off after/);
  });

  it("reads the rest of a file that is not an article file, so the browser gets its answer", async () => {
    const text = "%PDF-1.7\n" + "binary-looking stuff ".repeat(5000);
    const started = await upload(text, `report-${TAG}.pdf`);
    expect(started.bytes).toBe(Buffer.byteLength(text));
    await started.finished;
    expect(await db.ingestRun.findUniqueOrThrow({ where: { id: started.runId } })).toMatchObject({
      status: "FAILED",
      created: 0,
    });
  });
});
