import { spawn } from "node:child_process";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createView } from "@/lib/data/views";
import { matchQueuedArticles } from "@/lib/data/watch-outbox";
import { saveWatch } from "@/lib/data/watches";
import { storeArticles } from "@/lib/ingest/store";
import { runWatchDeliveries } from "@/lib/watches/deliver";
import { createTestSource, createTestUsers, deleteTestUsers, randomTag } from "@/test/factories";

// Exactly once across a crash: a delivery worker in its own process claims three watches' emails and is killed
// with SIGKILL while the (real, local) SMTP server holds its first message unanswered. Its lease lapses; another
// worker then sends all three. Each recipient gets its message once, and nothing is sent again after.

const TAG = randomTag("once-");
const WORD = randomTag("", "letters");
// Long enough that the killed worker's lease is still running when the second worker first looks: from its claim
// to that look (starting a process, an SMTP exchange, the kill) took over 1.5 s at load 9 on 2 cores.
const LEASE_MS = 5_000;

let smtp: SMTPServer;
let port = 0;
let hold = true;
let held = 0;
const mails: ParsedMail[] = [];
let source: { id: number; name: string };

async function waitFor(check: () => boolean, ms: number, what: string) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe("exactly-once delivery when a worker is killed mid-delivery", () => {
  beforeAll(async () => {
    process.env.AUTH_SECRET = "once-test-secret-0123456789abcdef";
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData(stream, _session, callback) {
        if (hold) {
          // Read the message but never answer: the sender waits, mid-delivery, until it is killed.
          held++;
          stream.resume();
          return;
        }
        simpleParser(stream)
          .then((mail) => {
            mails.push(mail);
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
    port = (smtp.server.address() as AddressInfo).port;
    process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
    source = await createTestSource(TAG, "Once wire");
  });
  afterAll(async () => {
    delete process.env.AUTH_SECRET;
    delete process.env.SMTP_URL;
    await db.article.deleteMany({ where: { sourceId: source.id } });
    await deleteTestUsers(TAG);
    await db.source.delete({ where: { id: source.id } });
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  it("resumes the killed worker's messages after its lease, sending each once", async () => {
    const users = await createTestUsers(TAG, { a: "ANALYST", b: "ANALYST", c: "VIEWER" });
    const watchIds: number[] = [];
    for (const user of Object.values(users)) {
      const view = await createView({ name: `Once ${TAG}`, query: `q=${WORD}` }, user);
      watchIds.push((await saveWatch(view.id, { email: true }, user)).id);
    }
    await storeArticles(
      [1, 2].map((i) => ({
        title: `${WORD} report ${i} ${TAG}`,
        body: `The ${WORD} report ${i} of ${TAG} says a lot.`,
        publishedAt: new Date(Date.UTC(2097, 0, i)),
        source: source.name,
      })),
    );
    await matchQueuedArticles();
    await db.watchDelivery.updateMany({ where: { watchId: { in: watchIds } }, data: { nextAttemptAt: new Date(0) } });

    const child = spawn(
      process.execPath,
      [
        "--conditions=react-server",
        "--import",
        "tsx",
        path.join("test", "support", "deliver-watches.ts"),
        `killed-${TAG}`,
        String(LEASE_MS),
      ],
      { env: { ...process.env }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    const exited = new Promise((resolve) => child.once("exit", resolve));
    await waitFor(() => held === 1, 30_000, `the first message to reach the SMTP server (${output})`);
    const leased = await db.watchDelivery.findMany({ where: { watchId: { in: watchIds } } });
    expect(leased.every((row) => row.status === "PENDING" && row.leaseOwner === `killed-${TAG}`)).toBe(true);
    child.kill("SIGKILL");
    await exited;
    expect(mails).toHaveLength(0);

    // Another worker before the lease lapses takes nothing; after it, everything, once.
    hold = false;
    expect((await runWatchDeliveries({ owner: `second-${TAG}` })).sent).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, LEASE_MS + 200));
    const run = await runWatchDeliveries({ owner: `second-${TAG}` });
    expect(run.sent).toBe(3);
    await waitFor(() => mails.length === 3, 5_000, "three messages");
    const recipients = mails.map((mail) => (mail.to && "text" in mail.to ? mail.to.text : "")).sort();
    expect(recipients).toEqual(
      Object.values(users)
        .map((user) => user.email)
        .sort(),
    );
    expect(new Set(mails.map((mail) => mail.messageId)).size).toBe(3);
    expect(mails.every((mail) => mail.subject === `2 new articles in “Once ${TAG}”`)).toBe(true);

    const rows = await db.watchDelivery.findMany({ where: { watchId: { in: watchIds } } });
    expect(rows.every((row) => row.status === "SENT" && row.attempts === 2 && row.leaseOwner === null)).toBe(true);
    await runWatchDeliveries({ owner: `third-${TAG}` });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(mails).toHaveLength(3);
  });
});
