import type { Metadata } from "next";
import { MemberManager } from "@/components/projects/admin/member-manager";
import { loadProjectForAdmin } from "@/lib/projects/load";
import { listProjectMembers } from "@/lib/projects/members";
import { formatDate } from "@/lib/ui/format";
import { listUsers } from "@/lib/users/queries";

export const metadata: Metadata = { title: "People" };
export const dynamic = "force-dynamic";

export default async function ProjectPeoplePage({ params }: { params: Promise<{ slug: string }> }) {
  const { project } = await loadProjectForAdmin(params);
  const [members, users] = await Promise.all([listProjectMembers(project), listUsers()]);
  const memberEmails = new Set(members.map((member) => member.email));

  return (
    <MemberManager
      slug={project.slug}
      access={project.labelerAccess}
      members={members.map((member) => ({
        email: member.email,
        name: member.name,
        role: member.role,
        active: member.active,
        added: formatDate(member.added_at),
      }))}
      candidates={users.filter((user) => user.active && user.role === "labeler" && !memberEmails.has(user.email)).map((user) => user.email)}
    />
  );
}
