import type { Metadata } from "next";
import { requirePagePermission } from "@/lib/auth/session";
import { listUsers } from "@/lib/data/users";
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from "@/lib/permissions";
import { formatDateTime } from "@/lib/format";
import { PageHeader } from "@/components/app/page-header";
import { CreateUserForm } from "@/components/admin/create-user-form";
import { ActiveForm, ResetPasswordForm, RoleForm } from "@/components/admin/user-row-actions";
import { Badge } from "@/components/ui/badge";

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
      <div className="grid gap-6 p-6 xl:grid-cols-[1fr_20rem]">
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Team members</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">
                  Person
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Role
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Last sign-in
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Status
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {users.map((user) => (
                <tr key={user.id} className={user.active ? "" : "bg-slate-50 text-slate-500"}>
                  <td className="px-4 py-2">
                    <div className="font-medium text-slate-900">{user.name}</div>
                    <div className="text-xs text-slate-500">{user.email}</div>
                  </td>
                  <td className="px-4 py-2">
                    <RoleForm userId={user.id} role={user.role} label={user.email} />
                  </td>
                  <td className="px-4 py-2 text-xs whitespace-nowrap text-slate-500 tabular-nums">
                    {user.lastLoginAt ? formatDateTime(user.lastLoginAt, admin.timeZone) : "Never"}
                  </td>
                  <td className="px-4 py-2">
                    {user.active ? <Badge tone="green">Active</Badge> : <Badge tone="red">Deactivated</Badge>}
                  </td>
                  <td className="px-4 py-2">
                    <div className="flex items-center justify-end gap-1 whitespace-nowrap">
                      <ResetPasswordForm userId={user.id} label={user.email} />
                      {user.id !== admin.id ? (
                        <ActiveForm userId={user.id} active={user.active} label={user.email} />
                      ) : null}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
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
