// Rows for tests, made through the same domain functions the app uses.
import { createUser } from "@/lib/users/mutations";
import { createApiKey } from "@/lib/api-keys/mutations";
import { createProject } from "@/lib/projects/mutations";
import type { ApiKeyScope } from "@/lib/api-keys/schema";
import type { Role } from "@/lib/users/schema";
import { unique, uniqueEmail } from "./unique";

export const TEST_PASSWORD = "correct-horse-battery-staple";

export async function makeUser(role: Role = "labeler", email = uniqueEmail(role)) {
  const user = await createUser({ email, password: TEST_PASSWORD, role });
  return { ...user, password: TEST_PASSWORD };
}

export async function makeApiKey(scopes: ApiKeyScope[], name = unique("key")) {
  return createApiKey({ name, scopes }, null);
}

export async function makeProject(slug = unique("p")) {
  return createProject({ slug, name: `Project ${slug}`, description: "", instructions: "Rank carefully." }, null);
}
