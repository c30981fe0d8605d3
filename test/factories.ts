import { randomBytes } from "node:crypto";
import { createApiToken, revokeApiToken } from "@/lib/data/tokens";
import { db } from "@/lib/db";
import type { ReviewStatus, Role, ThemeRuleScope, TokenScope } from "@/lib/generated/prisma/enums";
import { storeArticles, type IngestItem } from "@/lib/ingest/store";

// Rows for integration tests. Test files share the run's database, so every row made here carries the
// caller's random tag (in an email, a name, a URL): one file never sees another's rows, and its cleanup
// finds exactly its own. Accounts and articles are inserted directly, as a test about reading or writing
// them needs; tokens go through createApiToken and stored stories through storeArticles, the app's paths.

/** A fresh tag for one test file: hex, or letters only where it must stay one search word (rules, queries). */
export function randomTag(prefix = "", alphabet: "hex" | "letters" = "hex"): string {
  const bytes = randomBytes(alphabet === "hex" ? 4 : 6);
  const body =
    alphabet === "hex" ? bytes.toString("hex") : Array.from(bytes, (b) => String.fromCharCode(97 + (b % 26))).join("");
  return `${prefix}${body}`;
}

/** An account, usable as the actor of a data-layer call. */
export type TestUser = { id: number; role: Role; name: string; email: string; ip?: string };

/** An account `<tag>-<key>@example.com` ("<key> <tag>" unless named), active unless told; it cannot sign in. */
export async function createTestUser(
  tag: string,
  key: string,
  options: { role?: Role; name?: string; active?: boolean; ip?: string } = {},
): Promise<TestUser> {
  const user = await db.user.create({
    data: {
      email: `${tag}-${key}@example.com`,
      name: options.name ?? `${key} ${tag}`,
      role: options.role ?? "ANALYST",
      active: options.active ?? true,
      passwordHash: "x",
    },
    select: { id: true, role: true, name: true, email: true },
  });
  return { ...user, ip: options.ip };
}

/** One account per key, with the role given: `createTestUsers(tag, { admin: "ADMIN", viewer: "VIEWER" })`. */
export async function createTestUsers<Key extends string>(
  tag: string,
  roles: Record<Key, Role>,
  options: { ip?: string } = {},
): Promise<Record<Key, TestUser>> {
  const keys = Object.keys(roles) as Key[];
  const users = await Promise.all(keys.map((key) => createTestUser(tag, key, { role: roles[key], ip: options.ip })));
  return Object.fromEntries(keys.map((key, i) => [key, users[i]])) as Record<Key, TestUser>;
}

/** Every account createTestUser made with this tag (their tokens, tags and views go with them). */
export function deleteTestUsers(tag: string) {
  return db.user.deleteMany({ where: { email: { startsWith: `${tag}-` } } });
}

/** A token made as `npm run token` makes one (audited, no actor); `revoked` revokes it at once. */
export async function createTestToken(
  owner: { id: number },
  name: string,
  scope: TokenScope,
  options: { revoked?: boolean } = {},
): Promise<{ id: number; token: string }> {
  const system = { id: null };
  const { token, record } = await createApiToken({ userId: owner.id, name, scope }, system);
  if (options.revoked) await revokeApiToken(record.id, system);
  return { id: record.id, token };
}

/** A source "<label> <tag>". */
export async function createTestSource(tag: string, label: string): Promise<{ id: number; name: string }> {
  return db.source.create({ data: { name: `${label} ${tag}` }, select: { id: true, name: true } });
}

/** A theme "<label> <tag>", with one enabled rule when `rule` is given (no re-run is started). */
export async function createTestTheme(
  tag: string,
  label: string,
  options: { color?: string; rule?: string; scope?: ThemeRuleScope; createdById?: number } = {},
): Promise<{ id: number; name: string; slug: string; ruleId: number | null }> {
  const slug = `${label.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${tag}`;
  const theme = await db.theme.create({
    data: { name: `${label} ${tag}`, slug, ...(options.color ? { color: options.color } : {}) },
    select: { id: true, name: true, slug: true },
  });
  const rule = options.rule
    ? await db.themeRule.create({
        data: { themeId: theme.id, query: options.rule, scope: options.scope, createdById: options.createdById },
        select: { id: true },
      })
    : null;
  return { ...theme, ruleId: rule?.id ?? null };
}

export type TestArticle = {
  /** Unique within the tag: the article's URL is test.example/<tag>/<key>, its fingerprint <tag>-<key>. */
  key: string | number;
  publishedAt: Date;
  title?: string;
  body?: string;
  /** The body's first 240 characters unless given. */
  excerpt?: string;
  sourceId?: number;
  url?: string;
  language?: string;
  reviewStatus?: ReviewStatus;
  /** The source gave no date: publishedAt is when it was first seen. */
  undated?: boolean;
};

/**
 * Articles inserted as rows, in one statement: no deduplication and no rules run (a test that needs a
 * theme links it itself). Returns them in the order given.
 */
export async function insertTestArticles(
  tag: string,
  sourceId: number,
  articles: TestArticle[],
): Promise<{ id: number; publishedAt: Date }[]> {
  const fingerprint = (key: string | number) => `${tag}-${key}`;
  const rows = await db.article.createManyAndReturn({
    data: articles.map((article) => {
      const body = article.body ?? `Story ${article.key} of ${tag}.`;
      return {
        sourceId: article.sourceId ?? sourceId,
        canonicalUrl: `test.example/${tag}/${article.key}`,
        url: article.url,
        title: article.title ?? `Article ${article.key} ${tag}`,
        bodyText: body,
        excerpt: article.excerpt ?? body.slice(0, 240),
        language: article.language,
        reviewStatus: article.reviewStatus,
        undated: article.undated,
        publishedAt: article.publishedAt,
        fingerprint: fingerprint(article.key),
      };
    }),
    select: { id: true, publishedAt: true, fingerprint: true },
  });
  const byFingerprint = new Map(rows.map((row) => [row.fingerprint, row]));
  return articles.map((article) => {
    const { id, publishedAt } = byFingerprint.get(fingerprint(article.key))!;
    return { id, publishedAt };
  });
}

/** One story through the ingest store (its dedup, its source by name, its rules), as an import stores it. */
export async function storeTestArticle(
  tag: string,
  item: Partial<IngestItem> & Pick<IngestItem, "source" | "publishedAt">,
): Promise<number> {
  const [outcome] = await storeArticles([
    { title: `Stored ${tag}`, body: `A stored story ${tag} with a body.`, ...item },
  ]);
  if (!outcome?.articleId) throw new Error(`The store did not take the story: ${JSON.stringify(outcome)}`);
  return outcome.articleId;
}
