import type { z } from "zod";
import type { ApiKeyScope } from "@/lib/api-keys/schema";

export const TAGS = [
  { name: "Projects", description: "Find the projects and the slugs that the other routes take." },
  { name: "Prompts", description: "Send end users' prompts in: redacted, de-duplicated, held to the per-user quota, split by user." },
  { name: "Labeling", description: "Create ranking and demonstration tasks, and work the labeling queue." },
  { name: "Export", description: "Stream datasets out as NDJSON, in the formats reward-model and SFT trainers read." },
  { name: "Meta", description: "This API description." },
] as const;
export type Tag = (typeof TAGS)[number]["name"];

/**
 * Who may call an operation: an API key (with a scope, or any valid key when `scope` is absent),
 * the signed-in labeler's session cookie, or anyone.
 */
export type Auth = { kind: "apiKey"; scope?: ApiKeyScope } | { kind: "session" } | { kind: "public" };

/** A zod schema under the name it takes in `components.schemas`. */
export type NamedSchema = { name: string; schema: z.ZodType };

export type BodyVariant = NamedSchema & { summary?: string; example: unknown };

export type ErrorStatus = 400 | 403 | 404 | 409 | 422 | 429;

export type SuccessResponse = {
  status: 200 | 201 | 204;
  description: string;
  body?: NamedSchema;
  /** application/json unless said otherwise; a body-less media type is described in words. */
  contentType?: string;
  headers?: Record<string, { description: string; schema: z.ZodType }>;
};

export type Parameter = { schema: z.ZodType; description: string; example?: string };

export type ApiOperation = {
  operationId: string;
  method: "get" | "post" | "put" | "patch" | "delete";
  /** The OpenAPI path; `{name}` for a dynamic segment (`[name]` in the route's folder). */
  path: string;
  /** The route file it documents, when it is not the one `path` names (e.g. one route per dataset). */
  routeFile?: string;
  tag: Tag;
  summary: string;
  description?: string;
  auth: Auth;
  pathParams?: Record<string, Parameter>;
  /** A z.object whose keys are the query parameters. */
  query?: z.ZodObject;
  headers?: Record<string, Parameter>;
  body?: { description?: string; variants: BodyVariant[] };
  responses: SuccessResponse[];
  /** Statuses the route answers besides its auth errors (401/403 come from `auth`), and when. */
  errors: Partial<Record<ErrorStatus, string>>;
};
