import type { Metadata } from "next";
import Link from "next/link";
import { requirePagePermission } from "@/lib/auth/session";
import { listMailMessages } from "@/lib/data/watch-deliveries";
import { env } from "@/lib/env";
import { formatDateTime, formatUtc } from "@/lib/format";
import { PageHeader } from "@/components/app/page-header";
import { EmptyState } from "@/components/ui/notice";
import { Table, TableBody, TableHeader, Td, Th, Tr } from "@/components/ui/table";

export const metadata: Metadata = { title: "Mail" };

// Admin -> Mail: the watch emails written as .eml files because no SMTP_URL is set, newest first.
export default async function MailPage() {
  const admin = await requirePagePermission("mail:read");
  const messages = await listMailMessages(admin);
  const smtp = Boolean(env().SMTP_URL);
  return (
    <>
      <PageHeader
        title="Mail"
        description={
          smtp
            ? "SMTP_URL is set: watch emails go to the mail server. Messages written before it was set are listed here."
            : "No SMTP_URL is set: watch emails are written as .eml files and listed here. Open one to read it, or set SMTP_URL to send them."
        }
      />
      <div className="p-6">
        {messages.length === 0 ? (
          <EmptyState title="No messages yet">Emails of watched views appear here once new articles match.</EmptyState>
        ) : (
          <Table caption="Watch emails written as .eml files">
            <TableHeader>
              <Tr>
                <Th>Written</Th>
                <Th>To</Th>
                <Th>Subject</Th>
              </Tr>
            </TableHeader>
            <TableBody>
              {messages.map((message) => (
                <Tr key={message.id}>
                  <Td className="whitespace-nowrap" title={formatUtc(message.createdAt)}>
                    {formatDateTime(message.createdAt, admin.timeZone)}
                  </Td>
                  <Td>{message.to}</Td>
                  <Td>
                    <Link
                      href={`/api/admin/mail/${message.id}`}
                      className="text-accent-700 hover:underline"
                      prefetch={false}
                    >
                      {message.subject}
                    </Link>
                  </Td>
                </Tr>
              ))}
            </TableBody>
          </Table>
        )}
      </div>
    </>
  );
}
