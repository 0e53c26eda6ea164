import { NextResponse } from "next/server";
import type { z } from "zod";
import { parseOrThrow } from "@/lib/api/errors";
import { readJson, route } from "@/lib/api/http";
import { requireJsonContentType, requireSameOrigin } from "@/lib/api/origin";
import { type ApiClient, requireApiKey } from "@/lib/api-keys/authenticate";
import type { ApiKeyScope } from "@/lib/api-keys/schema";
import { type CurrentUser, requireApiAdmin, requireApiUser } from "@/lib/auth/guards";
import type { Project } from "@/lib/generated/prisma/client";
import { requireProjectBySlug } from "@/lib/projects/load";

/*
 * One declaration per API operation: method, path, auth, parameters, query, headers, body and
 * responses, next to its handler. `defineOperation` turns it into the route handler (checking the
 * caller, parsing every input with the declared zod schemas, loading the project a `{slug}` names)
 * and keeps it on the handler as `.operation`, from which lib/openapi builds the public document.
 */

export const TAGS = [
  { name: "Projects", description: "Find the projects and the slugs that the other routes take." },
  { name: "Prompts", description: "Send end users' prompts in: redacted, de-duplicated, held to the per-user quota, split by user." },
  { name: "Labeling", description: "Create ranking and demonstration tasks, and work the labeling queue." },
  { name: "Export", description: "Stream datasets out as NDJSON, in the formats reward-model and SFT trainers read." },
  { name: "Quality", description: "How good the labels are, what they say about the models, and the settings that keep labelers careful." },
  { name: "Meta", description: "This API description." },
] as const;
export type Tag = (typeof TAGS)[number]["name"];

/**
 * Who may call an operation: an API key (with a scope, or any valid key when `scope` is absent),
 * a signed-in person's session cookie (admins only with `role: "admin"`), or anyone.
 */
export type Auth = { kind: "apiKey"; scope?: ApiKeyScope } | { kind: "session"; role?: "admin" } | { kind: "public" };

/** A zod schema under the name it takes in `components.schemas`. */
export type NamedSchema = { name: string; schema: z.ZodType };
export type BodyVariant = NamedSchema & { summary?: string; example: unknown };
export type ErrorStatus = 400 | 403 | 404 | 409 | 410 | 422 | 429;

export type SuccessResponse = {
  status: 200 | 201 | 202 | 204;
  description: string;
  body?: NamedSchema;
  /** application/json unless said otherwise; the handler's bytes are sent with this type. */
  contentType?: string;
  headers?: Record<string, { description: string; schema: z.ZodType }>;
};

export type Parameter = {
  schema: z.ZodType;
  description: string;
  example?: string;
  /** How error messages name it ("snapshot name"); the parameter's own name otherwise. */
  label?: string;
};

type Method = "get" | "post" | "put" | "patch" | "delete";

/** The parts of a declaration that describe the operation (what the document is built from). */
export type OperationDoc = {
  operationId: string;
  method: Method;
  /** The path; `{name}` for a dynamic segment (`[name]` in the route's folder). */
  path: string;
  tag: Tag;
  summary: string;
  description?: string;
  auth: Auth;
  params?: Record<string, Parameter>;
  /** A z.object whose keys are the query parameters. */
  query?: z.ZodObject;
  headers?: Record<string, Parameter>;
  body?: { description?: string; variants: readonly BodyVariant[] };
  responses: readonly SuccessResponse[];
  /** Statuses the route answers besides its auth errors (401/403 come from `auth`), and when. */
  errors: Partial<Record<ErrorStatus, string>>;
};

export type OperationSpec = Omit<OperationDoc, "query"> & {
  /** Internal operations (the admin screens' JSON routes) are left out of the public document. */
  internal?: true;
  /** The query schema, or one per value of the path parameters (e.g. per export dataset). */
  query?: z.ZodObject | ((params: Record<string, string>) => z.ZodObject);
  /**
   * One route serving a family of documented operations: each instance fixes some path parameters
   * (substituted into the path) and names its own operation.
   */
  instances?: readonly { params: Record<string, string>; operationId: string; summary: string; description?: string }[];
};

// ---- What the handler receives and returns, inferred from the declaration ----

type ParamsOf<S> = S extends { params: infer P }
  ? { [K in keyof P]: P[K] extends { schema: infer Z extends z.ZodType } ? z.output<Z> : never }
  : {};
type ProjectOf<S> = S extends { params: { slug: Parameter } } ? { project: Project } : {};
type QueryOf<S> = S extends { query: infer Q }
  ? Q extends z.ZodObject
    ? z.output<Q>
    : Q extends (...args: never[]) => infer R
      ? R extends z.ZodObject
        ? z.output<R>
        : {}
      : {}
  : {};
type HeadersOf<S> = S extends { headers: infer H }
  ? { [K in keyof H]?: H[K] extends { schema: infer Z extends z.ZodType } ? z.output<Z> : never }
  : {};
// One body variant is parsed for the handler; several (chosen by the resource, e.g. the task's
// kind) leave the handler the JSON to parse with the variant it picks.
type BodyOf<S> = S extends { body: { variants: readonly [infer V] } }
  ? V extends { schema: infer Z extends z.ZodType }
    ? z.output<Z>
    : never
  : S extends { body: unknown }
    ? unknown
    : undefined;
type CallerOf<S> = S extends { auth: { kind: "apiKey" } }
  ? { client: ApiClient }
  : S extends { auth: { kind: "session" } }
    ? { user: CurrentUser }
    : {};

export type OperationContext<S extends OperationSpec> = {
  request: Request;
  params: ParamsOf<S>;
  query: QueryOf<S>;
  headers: HeadersOf<S>;
  body: BodyOf<S>;
} & ProjectOf<S> &
  CallerOf<S>;

/**
 * A declared response: its status and, for JSON, a body of the declared schema's type. Internal
 * operations declare no response schemas: their body type is what the handler returns, and the
 * screens that call them read it with `ResponseOf`.
 */
export type ReplyOf<S> = S extends { internal: true; responses: readonly (infer R)[] }
  ? R extends { status: infer Status }
    ? { status: Status; body?: unknown; headers?: HeadersInit }
    : never
  : S extends { responses: readonly (infer R)[] }
    ? R extends { status: infer Status; body: { schema: infer Z extends z.ZodType } }
      ? { status: Status; body: z.input<Z>; headers?: HeadersInit }
      : R extends { status: infer Status; contentType: string }
        ? { status: Status; body: BodyInit | null; headers?: HeadersInit }
        : R extends { status: infer Status }
          ? { status: Status; headers?: HeadersInit }
          : never
    : never;

type RouteContext = { params: Promise<Record<string, string | string[]>> };
export type OperationHandler<S extends OperationSpec, R = unknown> = ((request: Request, context: RouteContext) => Promise<Response>) & {
  operation: S;
  /** Type only: what the handler answers. */
  reply?: R;
};

/** A value as it arrives after JSON.stringify and JSON.parse: dates become strings. */
export type Jsonified<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Jsonified<U>[]
    : T extends object
      ? { [K in keyof T]: Jsonified<T[K]> }
      : T;

/** The JSON body an operation answers with `status` (200 or 201 by default), as the screens that call it read it. */
export type ResponseOf<H, Status extends number = 200 | 201> = H extends { reply?: infer R }
  ? Extract<R, { status: Status }> extends { body?: infer B }
    ? Jsonified<B>
    : never
  : never;

async function authenticate(auth: Auth, request: Request): Promise<{ client?: ApiClient; user?: CurrentUser }> {
  if (auth.kind === "apiKey") return { client: await requireApiKey(request, auth.scope) };
  if (auth.kind === "session") return { user: auth.role === "admin" ? await requireApiAdmin() : await requireApiUser() };
  return {};
}

function toResponse(spec: OperationSpec, reply: { status: number; body?: unknown; headers?: HeadersInit }): Response {
  const declared = spec.responses.find((response) => response.status === reply.status);
  if (declared?.contentType) {
    const headers = new Headers(reply.headers);
    if (!headers.has("content-type")) headers.set("Content-Type", declared.contentType);
    return new NextResponse(reply.body as BodyInit | null, { status: reply.status, headers });
  }
  if (reply.body === undefined) return new NextResponse(null, { status: reply.status, headers: reply.headers });
  return NextResponse.json(reply.body, { status: reply.status, headers: reply.headers });
}

/**
 * The route handler for one declared operation. In order: the caller (401/403), for a session's
 * state change its origin (403), for a body its content type (415), the path parameters (422; a
 * `{slug}` loads the project, 404), the query, the declared headers and the body (422 listing
 * every problem), then the handler. Errors leave as `{ error: {...} }`.
 */
export function defineOperation<const S extends OperationSpec, R extends ReplyOf<S> | Response>(
  spec: S,
  handler: (context: OperationContext<S>) => Promise<R>,
): OperationHandler<S, Exclude<R, Response>> {
  const run = route(async (request: Request, routeContext: RouteContext) => {
    const caller = await authenticate(spec.auth, request);
    // Browsers attach the session cookie to requests other sites make (SameSite=Lax still lets
    // top-level form posts and same-site pages through); API keys are never sent by a browser on
    // its own, so only cookie-authenticated changes need to prove where they came from.
    if (spec.auth.kind === "session" && spec.method !== "get") requireSameOrigin(request);
    // A JSON content type cannot be sent cross-site without a CORS preflight, which we never grant.
    if (spec.body) requireJsonContentType(request);

    const rawParams = (await routeContext?.params) ?? {};
    const params: Record<string, unknown> = {};
    const textParams: Record<string, string> = {};
    let project: Project | undefined;
    for (const [name, param] of Object.entries(spec.params ?? {})) {
      const raw = rawParams[name];
      if (name === "slug") {
        // A signed-in person gets 404 for a project they may not see, as for an unknown one.
        project = await requireProjectBySlug(raw, caller.user);
        params.slug = project.slug;
      } else {
        params[name] = parseOrThrow(param.schema, raw, param.label ?? name);
      }
      textParams[name] = String(params[name]);
    }

    let query: unknown = {};
    if (spec.query) {
      const schema = typeof spec.query === "function" ? spec.query(textParams) : spec.query;
      // A repeated parameter counts once, at its first value.
      const raw: Record<string, string> = {};
      for (const [key, value] of new URL(request.url).searchParams) raw[key] ??= value;
      query = parseOrThrow(schema, raw, "query");
    }

    const headers: Record<string, unknown> = {};
    for (const [name, param] of Object.entries(spec.headers ?? {})) {
      const value = request.headers.get(name);
      if (value !== null) headers[name] = parseOrThrow(param.schema, value, param.label ?? `${name} header`);
    }

    let body: unknown;
    if (spec.body) {
      const json = await readJson(request);
      body = spec.body.variants.length === 1 ? parseOrThrow(spec.body.variants[0]!.schema, json) : json;
    }

    const context = { request, params, query, headers, body, project, ...caller } as unknown as OperationContext<S>;
    const reply = await handler(context);
    return reply instanceof Response ? reply : toResponse(spec, reply as { status: number; body?: unknown; headers?: HeadersInit });
  });
  return Object.assign(run, { operation: spec }) as OperationHandler<S, Exclude<R, Response>>;
}

/** The handlers a route module exports (GET, POST, …) that were made by `defineOperation`. */
export function operationsOf(module: Record<string, unknown>): OperationSpec[] {
  return Object.values(module).flatMap((value) =>
    typeof value === "function" && "operation" in value ? [(value as OperationHandler<OperationSpec>).operation] : [],
  );
}
