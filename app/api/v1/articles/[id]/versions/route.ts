import { defineRoute } from "@/lib/api/define-route";
import { listArticleVersions } from "@/lib/data/article-versions";
import { InvalidError, NotFoundError } from "@/lib/errors";
import { parseIdText } from "@/lib/validation/ids";

// GET /api/v1/articles/{id}/versions: every version of the article Presswatch has seen, oldest first, as
// JSON for scripts. The same access as an export (a session, or a Bearer token with the read scope), since
// it hands out the same texts.

export const dynamic = "force-dynamic";

export const GET = defineRoute<{ id: string }>(
  { permission: "articles:export", scope: "READ" },
  async ({ actor, params }) => {
    const id = parseIdText(params.id);
    if (id === null) throw new InvalidError("id: not an article id.");
    const found = await listArticleVersions(actor, id, "articles:export");
    if (!found) throw new NotFoundError("No such article.");
    return Response.json(
      {
        articleId: found.articleId,
        versionCount: found.versionCount,
        editedAt: found.editedAt?.toISOString() ?? null,
        goneAt: found.goneAt?.toISOString() ?? null,
        lastSeenAt: found.lastSeenAt?.toISOString() ?? null,
        versions: found.versions.map((version) => ({
          version: version.version,
          title: version.title,
          bodyText: version.bodyText,
          bodyHtml: version.bodyHtml,
          url: version.url,
          imageHashes: version.imageHashes,
          seenAt: version.seenAt.toISOString(),
          seenBy: version.seenBy,
          runId: version.runId,
        })),
      },
      { headers: { "Cache-Control": "no-store" } },
    );
  },
);
