import type { Metadata } from "next";
import { Card, CardBody, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { InvitationList } from "@/components/users/admin/invitation-list";
import { InviteForm } from "@/components/users/admin/invite-form";
import { PeopleTable } from "@/components/users/admin/people-table";
import { requireAdmin } from "@/lib/auth/guards";
import { listProjects } from "@/lib/projects/queries";
import { formatDateTime, formatRelative } from "@/lib/ui/format";
import { listOpenInvitations, listUsers } from "@/lib/users/queries";

export const metadata: Metadata = { title: "People" };
export const dynamic = "force-dynamic";

export default async function PeoplePage() {
  const admin = await requireAdmin();
  const [users, invitations, projects] = await Promise.all([listUsers(), listOpenInvitations(), listProjects()]);
  const now = new Date();

  return (
    <>
      <PageHeader title="People" description="Invite labelers and admins, change roles, and deactivate accounts." />
      <div className="grid grid-cols-[minmax(0,1fr)] items-start gap-6 lg:grid-cols-[minmax(0,1fr)_21rem]">
        <Card>
          <CardHeader>
            <CardTitle>Accounts</CardTitle>
            <CardDescription>
              {users.filter((user) => user.active).length} active of {users.length}
            </CardDescription>
          </CardHeader>
          <PeopleTable
            currentUserId={admin.id}
            people={users.map((user) => ({
              id: user.id,
              email: user.email,
              name: user.name,
              role: user.role,
              active: user.active,
              lastSignIn: user.lastSignInAt ? formatDateTime(user.lastSignInAt) : "Never",
            }))}
          />
        </Card>

        <div className="space-y-6">
          <Card>
            <CardHeader>
              <CardTitle>Invite someone</CardTitle>
              <CardDescription>You get a one-time link to send them.</CardDescription>
            </CardHeader>
            <CardBody>
              <InviteForm
                projects={projects.map((project) => ({
                  slug: project.slug,
                  name: project.name,
                  membersOnly: project.labelerAccess === "members",
                }))}
              />
            </CardBody>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Open invitations</CardTitle>
            </CardHeader>
            <InvitationList
              invitations={invitations.map((invitation) => ({
                id: invitation.id,
                email: invitation.email,
                role: invitation.role,
                expires: formatRelative(invitation.expiresAt, now),
                expiresTitle: formatDateTime(invitation.expiresAt),
                projects: invitation.projects.map((project) => project.name),
              }))}
            />
          </Card>
        </div>
      </div>
    </>
  );
}
