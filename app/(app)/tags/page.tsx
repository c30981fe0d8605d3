import type { Metadata } from "next";
import Link from "next/link";
import { requirePagePermission } from "@/lib/auth/session";
import { listTags } from "@/lib/data/tag-catalogue";
import { formatCount, formatDateTime, formatUtc } from "@/lib/format";
import { can } from "@/lib/permissions";
import { PageHeader } from "@/components/app/page-header";
import { TagChip } from "@/components/articles/labels";
import { TagRowActions } from "@/components/tags/tag-row-actions";
import { EmptyState } from "@/components/ui/notice";
import { Table, TableBody, TableHeader, Td, Th, Tr } from "@/components/ui/table";

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
          <Table caption="Tags">
            <TableHeader>
              <Th>Tag</Th>
              <Th align="right">Articles</Th>
              <Th>Created</Th>
              {manage ? <Th hidden>Change</Th> : null}
            </TableHeader>
            <TableBody>
              {tags.map((tag) => (
                <Tr key={tag.id}>
                  <Td>
                    <TagChip tag={tag} tabbable={false} />
                  </Td>
                  <Td numeric>
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
                  </Td>
                  <Td className="text-xs text-slate-500">
                    <span title={formatUtc(tag.createdAt)}>{formatDateTime(tag.createdAt, user.timeZone)}</span>
                    {tag.createdBy ? ` by ${tag.createdBy.name}` : ""}
                  </Td>
                  {manage ? (
                    <Td>
                      <TagRowActions tag={tag} />
                    </Td>
                  ) : null}
                </Tr>
              ))}
            </TableBody>
          </Table>
        )}
      </div>
    </>
  );
}
