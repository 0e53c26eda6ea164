import { describe, expect, it } from "vitest";
import { type LabelerAccess, mayAccessProject, projectMemberInputSchema } from "@/lib/projects/access";

describe("mayAccessProject", () => {
  it("opens a project to everyone under `all`, to members and admins under `members`", () => {
    const cases: [LabelerAccess, "admin" | "labeler", boolean, boolean][] = [
      ["all", "labeler", false, true],
      ["all", "labeler", true, true],
      ["all", "admin", false, true],
      ["members", "labeler", true, true],
      ["members", "labeler", false, false],
      ["members", "admin", false, true],
    ];
    for (const [labelerAccess, role, isMember, expected] of cases) {
      expect(mayAccessProject({ labelerAccess }, role, isMember), `${labelerAccess} ${role} member=${isMember}`).toBe(expected);
    }
  });

  it("takes a member by email, normalised as accounts are", () => {
    expect(projectMemberInputSchema.parse({ email: "  Someone@Example.COM " })).toEqual({ email: "someone@example.com" });
    expect(projectMemberInputSchema.safeParse({ email: "nope" }).success).toBe(false);
    expect(projectMemberInputSchema.safeParse({}).success).toBe(false);
  });
});
