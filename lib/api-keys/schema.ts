import { z } from "zod";
import { FIELD_BYTES, safeString } from "@/lib/input/schema";

// export:read downloads; export:write freezes and deletes snapshots (stored copies, held to the
// project's snapshot_limit), which keys made before it existed cannot do.
export const API_KEY_SCOPES = [
  "prompts:write",
  "outputs:write",
  "export:read",
  "export:write",
  "quality:read",
  "projects:admin",
  "models:write",
] as const;
export const apiKeyScopeSchema = z.enum(API_KEY_SCOPES);
export type ApiKeyScope = z.infer<typeof apiKeyScopeSchema>;

export const createApiKeySchema = z.object({
  name: safeString(FIELD_BYTES.name).trim().min(1, { message: "Name the key." }).max(100),
  scopes: z.array(apiKeyScopeSchema).min(1, { message: "Choose at least one scope." }),
});
export type CreateApiKeyInput = z.infer<typeof createApiKeySchema>;

/** Parses "a,b" from a command line into scopes, rejecting unknown ones. */
export const scopeListSchema = z
  .string()
  .transform((value) => [
    ...new Set(
      value
        .split(",")
        .map((part) => part.trim())
        .filter(Boolean),
    ),
  ])
  .pipe(z.array(apiKeyScopeSchema).min(1, { message: "Give at least one scope." }));
