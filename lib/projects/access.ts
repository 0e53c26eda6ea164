import { z } from "zod";
import { emailSchema } from "@/lib/users/schema";

/*
 * Who may see a project and work in it (lease its tasks, submit, skip, write its prompts). Pure:
 * lib/projects/members.ts reads the membership and applies this rule wherever a labeler touches a
 * project's data.
 */

export const LABELER_ACCESS = ["all", "members"] as const;
export type LabelerAccess = (typeof LABELER_ACCESS)[number];

export const labelerAccessSchema = z.enum(LABELER_ACCESS).meta({
  description: "`all`: every labeler may work in the project (the default); `members`: only the labelers added to it.",
});

/**
 * The rule: admins see every project; a labeler sees a project open to `all`, or one limited to
 * `members` that they were added to.
 */
export function mayAccessProject(project: { labelerAccess: LabelerAccess }, role: "admin" | "labeler", isMember: boolean): boolean {
  return role === "admin" || project.labelerAccess === "all" || isMember;
}

/** The body of POST / DELETE …/members: the account, named by its email. */
export const projectMemberInputSchema = z.object({ email: emailSchema });
export type ProjectMemberInput = z.infer<typeof projectMemberInputSchema>;

export const projectMemberSchema = z.object({
  email: z.string(),
  name: z.string().nullable(),
  role: z.enum(["admin", "labeler"]),
  active: z.boolean(),
  added_at: z.iso.datetime(),
});

export const projectMembersResponseSchema = z.object({
  labeler_access: labelerAccessSchema,
  members: z.array(projectMemberSchema),
});

export const projectMemberResponseSchema = z.object({ member: projectMemberSchema });
