import type { Metadata } from "next";
import Link from "next/link";
import { requirePagePermission } from "@/lib/auth/session";
import { listTags } from "@/lib/data/tags";
import { formatCount, formatDateTime, formatUtc } from "@/lib/format";
import { can } from "@/lib/permissions";
import { PageHeader } from "@/components/app/page-header";
import { TagChip } from "@/components/articles/labels";
import { TagRowActions } from "@/components/tags/tag-row-actions";
import { EmptyState } from "@/components/ui/notice";

export const metadata: Metadata = { title: "Tags" };

// The team's tags: everyone sees each one's use and opens its articles; admins rename, recolour and
// delete (the server checks that again in the data layer).
export default async function TagsPage() {
  const user = await requirePagePermission("articles:read");
  const tags = await listTags();
  const manage = can(user.role, "users:manage");
  return (
    <>
      <PageHeader
        title="Tags"
        description="Labels the team puts on articles. Tag from the list or an article; a tag is shared by everyone."
      />
      <div className="p-6">
        {tags.length === 0 ? (
          <EmptyState title="No tags yet">
            Select articles in the list and press t, or add a tag on an article page.
          </EmptyState>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Tags</caption>
              <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-500">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Tag
                  </th>
                  <th scope="col" className="px-4 py-2 text-right font-medium">
                    Articles
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Created
                  </th>
                  {manage ? (
                    <th scope="col" className="px-4 py-2 font-medium">
                      <span className="sr-only">Change</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {tags.map((tag) => (
                  <tr key={tag.id}>
                    <td className="px-4 py-2">
                      <TagChip tag={tag} tabbable={false} />
                    </td>
                    <td className="px-4 py-2 text-right tabular-nums">
                      {tag.uses ? (
                        <Link
                          href={`/?tag=${tag.id}`}
                          className="text-accent-700 hover:underline"
                          aria-label={`${formatCount(tag.uses)} articles tagged ${tag.name}`}
                        >
                          {formatCount(tag.uses)}
                        </Link>
                      ) : (
                        <span className="text-slate-400">0</span>
                      )}
                    </td>
                    <td className="px-4 py-2 text-xs text-slate-500">
                      <span title={formatUtc(tag.createdAt)}>{formatDateTime(tag.createdAt, user.timeZone)}</span>
                      {tag.createdBy ? ` by ${tag.createdBy.name}` : ""}
                    </td>
                    {manage ? (
                      <td className="px-4 py-2">
                        <TagRowActions tag={tag} />
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </>
  );
}
