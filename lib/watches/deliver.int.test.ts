import { createServer, type Server } from "node:http";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as unsubscribe } from "@/app/api/watches/unsubscribe/route";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/data/actor";
import { createView } from "@/lib/data/views";
import { matchQueuedArticles } from "@/lib/data/watch-outbox";
import { listWatchDeliveries, saveWatch } from "@/lib/data/watches";
import { storeArticles, type IngestItem } from "@/lib/ingest/store";
import { runWatchDeliveries } from "@/lib/watches/deliver";
import { webhookSignature } from "@/lib/watches/signing";
import { gatherDueDigests } from "@/lib/watches/tick";
import { createTestSource, createTestUsers, deleteTestUsers, randomTag } from "@/test/factories";

// Each channel end to end against real receivers: a local SMTP server (smtp-server) that parses what it is
// sent, a local HTTP server for webhooks, and the .eml folder. Deliveries come from the outbox rows of the real
// ingest store's articles, matched as the worker matches them; exactly once is checked by running the delivery job again.

const TAG = randomTag("deliver-");
const WORD = randomTag("", "letters");
const OWNER = `test-${TAG}`;

let analyst: Actor & { email: string };
let source: { id: number; name: string };
let seq = 0;
let mails: ParsedMail[] = [];
let smtp: SMTPServer;
let smtpPort = 0;
let hooks: { body: string; signature: string | undefined; delivery: string | undefined }[] = [];
let hookStatus = 200;
let hookServer: Server;
let hookUrl = "";
let mailDir = "";

function item(text: string): IngestItem {
  seq += 1;
  return {
    title: `${text} bulletin ${seq} ${TAG}`,
    body: `Pyongyang (KCNA) -- the ${text} bulletin number ${seq} of ${TAG} reports at length.`,
    publishedAt: new Date(Date.UTC(2094, 4, 1 + seq, 9)),
    source: source.name,
    url: `https://deliver-test.example/${TAG}/${seq}`,
  };
}

/** Stored, then matched as the worker's next tick matches them. */
async function store(items: IngestItem[]): Promise<number[]> {
  const outcomes = await storeArticles(items);
  await matchQueuedArticles();
  return outcomes.filter((o) => o.status === "created").map((o) => o.articleId!);
}

/** Makes every pending row of these watches due now (the batch window and retry delays are tested apart). */
async function makeDue(watchIds: number[]) {
  await db.watchDelivery.updateMany({
    where: { watchId: { in: watchIds }, status: "PENDING" },
    data: { nextAttemptAt: new Date(Date.now() - 1000) },
  });
}

/** The hooks called for one view (other tests' watches match the same word). */
function hooksOf(viewId: number) {
  return hooks.filter((hook) => (JSON.parse(hook.body) as { view: { id: number } }).view.id === viewId);
}

function url(link: string): string {
  return link.replaceAll("&amp;", "&");
}

async function until(check: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 25));
}

describe("watch deliveries", () => {
  beforeAll(async () => {
    process.env.AUTH_SECRET = "deliver-test-secret-0123456789abcdef";
    process.env.AUTH_URL = "http://presswatch.test";
    process.env.PRESSWATCH_ALLOW_PRIVATE_FETCH = "1";
    mailDir = await mkdtemp(path.join(tmpdir(), "presswatch-mail-"));
    process.env.MAIL_DIR = mailDir;
    const users = await createTestUsers(TAG, { analyst: "ANALYST" });
    analyst = { id: users.analyst.id, role: "ANALYST", email: users.analyst.email };
    source = await createTestSource(TAG, "Deliver wire");

    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData(stream, _session, callback) {
        simpleParser(stream)
          .then((mail) => {
            mails.push(mail);
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
    smtpPort = (smtp.server.address() as AddressInfo).port;

    hookServer = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => (body += chunk));
      request.on("end", () => {
        hooks.push({
          body,
          signature: request.headers["x-presswatch-signature"] as string | undefined,
          delivery: request.headers["x-presswatch-delivery"] as string | undefined,
        });
        response.writeHead(hookStatus, { "content-type": "application/json" }).end("{}");
      });
    });
    await new Promise<void>((resolve) => hookServer.listen(0, "127.0.0.1", resolve));
    hookUrl = `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/hook`;
  });
  beforeEach(() => {
    mails = [];
    hooks = [];
    hookStatus = 200;
    process.env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;
  });
  afterAll(async () => {
    for (const key of ["AUTH_SECRET", "AUTH_URL", "PRESSWATCH_ALLOW_PRIVATE_FETCH", "MAIL_DIR", "SMTP_URL"])
      delete process.env[key];
    await db.article.deleteMany({ where: { sourceId: source.id } });
    await deleteTestUsers(TAG);
    await db.source.delete({ where: { id: source.id } });
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await new Promise((resolve) => hookServer.close(resolve));
    await rm(mailDir, { recursive: true, force: true });
  });

  it("emails the brief of new matches once, and calls the signed webhook once", async () => {
    const view = await createView({ name: `Bulletins ${TAG}`, query: `q=${WORD}` }, analyst);
    const watch = await saveWatch(view.id, { email: true, webhookUrl: hookUrl }, analyst);
    const first = await store([item(WORD), item(WORD), item("unrelated")]);
    const second = await store([item(WORD)]);
    const matched = [first[0], first[1], second[0]].sort((a, b) => a - b);
    expect(await db.watchDelivery.count({ where: { watchId: watch.id } })).toBe(4);

    await makeDue([watch.id]);
    const run = await runWatchDeliveries({ owner: OWNER });
    expect(run.sent).toBeGreaterThanOrEqual(2);
    await until(() => mails.length >= 1);

    // The two batches' rows of each channel went as one message.
    expect(mails).toHaveLength(1);
    const mail = mails[0];
    expect(mail.subject).toBe(`3 new articles in “Bulletins ${TAG}”`);
    expect(mail.to && "text" in mail.to ? mail.to.text : "").toContain(analyst.email);
    for (const id of matched) expect(mail.html).toContain(`http://presswatch.test/articles/${id}`);
    expect(mail.html).toContain(`${WORD} bulletin`);
    expect(mail.html).not.toContain("unrelated bulletin");
    expect(mail.text).toContain("3 articles");
    const link = /http:\/\/presswatch\.test\/api\/watches\/unsubscribe\?[^"\s<>]+/.exec(mail.text ?? "")?.[0];
    expect(link).toBeTruthy();
    expect(mail.headerLines.find((line) => line.key === "list-unsubscribe")?.line).toContain(url(link!));

    expect(hooks).toHaveLength(1);
    const hook = hooks[0];
    expect(hook.signature).toBe(webhookSignature(watch.webhookSecret!, hook.body));
    const payload = JSON.parse(hook.body) as { event: string; articles: { id: number; deskUrl: string }[] };
    expect(payload.event).toBe("watch.matches");
    expect(payload.articles.map((a) => a.id).sort((a, b) => a - b)).toEqual(matched);

    const rows = await db.watchDelivery.findMany({ where: { watchId: watch.id } });
    expect(rows.every((row) => row.status === "SENT" && row.sentAt)).toBe(true);
    expect(rows.filter((row) => row.channel === "EMAIL").every((row) => row.lastStatusCode === 250)).toBe(true);

    // Again: nothing is due, nothing is sent twice.
    await runWatchDeliveries({ owner: OWNER });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(mails).toHaveLength(1);
    expect(hooks).toHaveLength(1);

    // The unsubscribe link works without signing in; a forged one does not.
    const address = new URL(url(link!));
    const forged = new URL(address);
    forged.searchParams.set("w", String(watch.id + 1));
    expect((await unsubscribe(new Request(forged))).status).toBe(400);
    const answer = await unsubscribe(new Request(address));
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain("Unsubscribed");
    expect((await db.watch.findUniqueOrThrow({ where: { id: watch.id } })).email).toBe(false);
    await store([item(WORD)]);
    expect(await db.watchDelivery.count({ where: { watchId: watch.id, channel: "EMAIL" } })).toBe(2);
  });

  it("retries a failing webhook with backoff, logs each answer, and refuses private addresses", async () => {
    const view = await createView({ name: `Hooks ${TAG}`, query: `q=${WORD}` }, analyst);
    const watch = await saveWatch(view.id, { webhookUrl: hookUrl }, analyst);
    await store([item(WORD)]);
    hookStatus = 503;
    await makeDue([watch.id]);
    await runWatchDeliveries({ owner: OWNER });
    let row = await db.watchDelivery.findFirstOrThrow({ where: { watchId: watch.id } });
    expect(row).toMatchObject({ status: "PENDING", attempts: 1, lastStatusCode: 503 });
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 20_000);
    // Not due yet: the backoff holds.
    await runWatchDeliveries({ owner: OWNER });
    expect(hooksOf(view.id)).toHaveLength(1);

    hookStatus = 204;
    await makeDue([watch.id]);
    await runWatchDeliveries({ owner: OWNER });
    row = await db.watchDelivery.findFirstOrThrow({ where: { watchId: watch.id } });
    expect(row).toMatchObject({ status: "SENT", attempts: 2, lastStatusCode: 204 });
    const log = await listWatchDeliveries(view.id, analyst);
    expect(log[0].tries.map((t) => t.statusCode)).toEqual([204, 503]);

    delete process.env.PRESSWATCH_ALLOW_PRIVATE_FETCH;
    try {
      await store([item(WORD)]);
      await makeDue([watch.id]);
      await runWatchDeliveries({ owner: OWNER });
      const refused = await db.watchDelivery.findFirstOrThrow({
        where: { watchId: watch.id },
        orderBy: { id: "desc" },
      });
      expect(refused.status).toBe("FAILED");
      expect(refused.lastError).toMatch(/private or reserved address/);
      expect(hooksOf(view.id)).toHaveLength(2);
    } finally {
      process.env.PRESSWATCH_ALLOW_PRIVATE_FETCH = "1";
    }
  });

  it("writes .eml files without SMTP_URL, gathers digests once per period, and sends nothing to a deactivated user", async () => {
    delete process.env.SMTP_URL;
    const view = await createView({ name: `Digest ${TAG}`, query: `q=${WORD}` }, analyst);
    const watch = await saveWatch(view.id, { email: true, emailFrequency: "DAILY", digestHour: 7 }, analyst);
    await store([item(WORD), item(WORD)]);
    expect(await db.watchDelivery.count({ where: { watchId: watch.id } })).toBe(0);

    // 07:30 UTC (the user has no time zone): the day's period began at 07:00; matches made before now count.
    const now = new Date(Date.now() + 60_000);
    const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 7, 30));
    const tickAt = at.getTime() > now.getTime() ? at : new Date(at.getTime() + 86_400_000);
    await db.watchMatch.updateMany({
      where: { watchId: watch.id },
      data: { matchedAt: new Date(tickAt.getTime() - 3_600_000) },
    });
    await gatherDueDigests(tickAt);
    await gatherDueDigests(tickAt);
    const digests = await db.watchDelivery.findMany({ where: { watchId: watch.id } });
    expect(digests).toHaveLength(1);
    expect(digests[0].articleIds).toHaveLength(2);
    expect(digests[0].batchKey).toBe(`digest:${new Date(tickAt.getTime() - 30 * 60_000).toISOString()}`);

    await runWatchDeliveries({ owner: OWNER });
    const files = (await readdir(mailDir)).filter((name) => name.endsWith(".eml"));
    expect(files).toEqual([`watch-${watch.id}-delivery-${digests[0].id}.eml`]);
    const eml = await simpleParser(await readFile(path.join(mailDir, files[0])));
    expect(eml.subject).toBe(`2 new articles in “Digest ${TAG}”`);
    expect(await db.mailMessage.count({ where: { deliveryId: digests[0].id } })).toBe(1);
    expect(mails).toHaveLength(0);

    await saveWatch(view.id, { email: true }, analyst);
    await store([item(WORD)]);
    await db.user.update({ where: { id: analyst.id }, data: { active: false } });
    await makeDue([watch.id]);
    await runWatchDeliveries({ owner: OWNER });
    await db.user.update({ where: { id: analyst.id }, data: { active: true } });
    const skipped = await db.watchDelivery.findFirstOrThrow({ where: { watchId: watch.id }, orderBy: { id: "desc" } });
    expect(skipped).toMatchObject({ status: "SKIPPED", lastError: "The recipient's account is deactivated." });
    expect((await readdir(mailDir)).filter((name) => name.endsWith(".eml"))).toHaveLength(1);
  });
});
