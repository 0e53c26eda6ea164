// Rows for tests, made through the same domain functions the app uses.

import { createApiKey } from "@/lib/api-keys/mutations";
import type { ApiKeyScope } from "@/lib/api-keys/schema";
import { createProject } from "@/lib/projects/mutations";
import { createUser } from "@/lib/users/mutations";
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

/** A prompt kept through the real pipeline, for tasks to hang off. */
export async function makePrompt(project: Awaited<ReturnType<typeof makeProject>>, text = `Explain ${unique()} to a child`) {
  const { ingestPrompts } = await import("@/lib/prompts/ingest");
  const [outcome] = await ingestPrompts({ project, source: "api", prompts: [{ text, user_id: unique("end-user") }] });
  if (outcome?.status !== "accepted") throw new Error(`makePrompt: ${outcome?.status}`);
  return outcome.id!;
}

/** A ranking task with `k` outputs from made-up models. */
export async function makeRankingTask(project: Awaited<ReturnType<typeof makeProject>>, k = 4) {
  const { createComparisonTask } = await import("@/lib/labeling/tasks");
  const promptId = await makePrompt(project);
  return createComparisonTask(project, {
    prompt_id: promptId,
    outputs: Array.from({ length: k }, (_, i) => ({ model: `model-${i}`, text: `Answer number ${i} for ${promptId}` })),
  });
}
