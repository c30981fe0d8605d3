import type { Metadata } from "next";
import { requirePagePermission } from "@/lib/auth/session";
import { listUsers } from "@/lib/data/users";
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from "@/lib/permissions";
import { formatDateTime } from "@/lib/format";
import { PageHeader } from "@/components/app/page-header";
import { CreateUserForm } from "@/components/admin/create-user-form";
import { ActiveForm, ResetPasswordForm, RoleForm } from "@/components/admin/user-row-actions";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableHeader, Td, Th, Tr } from "@/components/ui/table";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const admin = await requirePagePermission("users:manage");
  const users = await listUsers();
  return (
    <>
      <PageHeader
        title="Users"
        description={Object.entries(ROLE_DESCRIPTIONS)
          .map(([role, text]) => `${ROLE_LABELS[role as keyof typeof ROLE_LABELS]}: ${text}`)
          .join(" ")}
      />
      {/* The form goes beside the table only on very wide screens: at 1440 px the table needs the full width. */}
      <div className="grid grid-cols-1 gap-6 p-4 sm:p-6 2xl:grid-cols-[minmax(0,1fr)_20rem]">
        <Table caption="Team members">
          <TableHeader>
            <Th>Person</Th>
            <Th>Role</Th>
            <Th>Last sign-in</Th>
            <Th>Status</Th>
            <Th hidden>Actions</Th>
          </TableHeader>
          <TableBody>
            {users.map((user) => (
              <Tr key={user.id} muted={!user.active}>
                <Td>
                  <div className="font-medium text-slate-900">{user.name}</div>
                  <div className="text-xs text-slate-500">{user.email}</div>
                </Td>
                <Td>
                  <RoleForm userId={user.id} role={user.role} label={user.email} />
                </Td>
                <Td className="text-xs whitespace-nowrap text-slate-500 tabular-nums">
                  {user.lastLoginAt ? formatDateTime(user.lastLoginAt, admin.timeZone) : "Never"}
                </Td>
                <Td>{user.active ? <Badge tone="green">Active</Badge> : <Badge tone="red">Deactivated</Badge>}</Td>
                <Td>
                  <div className="flex items-center justify-end gap-1 whitespace-nowrap">
                    <ResetPasswordForm userId={user.id} label={user.email} />
                    {user.id !== admin.id ? (
                      <ActiveForm userId={user.id} active={user.active} label={user.email} />
                    ) : null}
                  </div>
                </Td>
              </Tr>
            ))}
          </TableBody>
        </Table>
        <section aria-labelledby="add-user" className="h-fit rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="add-user" className="mb-3 text-sm font-semibold text-slate-900">
            Add a user
          </h2>
          <CreateUserForm />
        </section>
      </div>
    </>
  );
}
