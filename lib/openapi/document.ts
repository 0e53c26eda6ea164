import { z } from "zod";
import { type Auth, type ErrorStatus, type NamedSchema, type OperationDoc, type OperationSpec, TAGS } from "@/lib/api/operation";
import { API_KEY_SCOPES } from "@/lib/api-keys/schema";
import { MAX_BODY_BYTES } from "@/lib/input/schema";
import { publicOperations } from "./operations";
import { errorBodySchema } from "./responses";

export const OPENAPI_VERSION = "3.1.0";
export const JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema";
export const ERROR_SCHEMA_NAME = "Error";

export type SchemaObject = { [key: string]: unknown };
export type ParameterObject = {
  name: string;
  in: "path" | "query" | "header";
  required: boolean;
  description?: string;
  schema: SchemaObject;
  example?: unknown;
};
export type MediaTypeObject = { schema?: SchemaObject; example?: unknown; examples?: Record<string, { summary?: string; value: unknown }> };
export type ResponseObject = {
  description: string;
  headers?: Record<string, { description: string; schema: SchemaObject }>;
  content?: Record<string, MediaTypeObject>;
};
export type OperationObject = {
  operationId: string;
  tags: string[];
  summary: string;
  description?: string;
  security: Record<string, string[]>[];
  parameters?: ParameterObject[];
  requestBody?: { required: true; description?: string; content: Record<string, MediaTypeObject> };
  responses: Record<string, ResponseObject>;
};
export type HttpMethod = OperationDoc["method"];
export type PathItem = Partial<Record<HttpMethod, OperationObject>>;
export type OpenApiDocument = {
  openapi: string;
  jsonSchemaDialect: string;
  info: { title: string; version: string; description: string };
  tags: { name: string; description: string }[];
  paths: Record<string, PathItem>;
  components: {
    schemas: Record<string, SchemaObject>;
    securitySchemes: Record<string, SchemaObject>;
  };
};

export const SECURITY_SCHEMES = {
  apiKey: {
    type: "http",
    scheme: "bearer",
    description:
      "An API key, sent as `Authorization: Bearer <key>`. An admin makes keys (shown once, stored hashed) with scopes: " +
      `${API_KEY_SCOPES.map((scope) => `\`${scope}\``).join(", ")}. Each operation lists the scope it needs; ` +
      "a missing, unknown or revoked key is a 401, a key without the scope a 403.",
  },
  session: {
    type: "apiKey",
    in: "cookie",
    name: "next-auth.session-token",
    description:
      "The signed-in labeler's session cookie, set by signing in at /login (named `__Secure-next-auth.session-token` over HTTPS). " +
      "The labeling-queue routes act for that person; API keys do not work there. " +
      "Their POSTs must say they come from this site, as browsers do (`Origin` of this host, or `Sec-Fetch-Site: same-origin`): 403 otherwise.",
  },
} as const;

const ERROR_CODE_OF: Record<ErrorStatus | 401 | 413 | 415, string> = {
  400: "invalid_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  409: "conflict",
  410: "gone",
  413: "payload_too_large",
  415: "unsupported_media_type",
  422: "unprocessable",
  429: "rate_limited",
};

/**
 * A zod schema as JSON Schema 2020-12 (the dialect of OpenAPI 3.1), without `$schema`: the
 * document's `jsonSchemaDialect` says it once. Requests are described as zod accepts them
 * (`io: "input"`: defaults optional), responses as the server produces them.
 */
export function toJsonSchema(schema: z.ZodType, io: "input" | "output"): SchemaObject {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "throw" }) as SchemaObject;
  return json;
}

function ref(name: string): SchemaObject {
  return { $ref: `#/components/schemas/${name}` };
}

/**
 * Moves a schema's local `$defs` (zod emits them for recursive schemas such as z.json()) into
 * `schemas` as `<name>_<def>`: inside an OpenAPI document `#/$defs/…` would resolve against the
 * document's root.
 */
export function hoistDefs(name: string, json: SchemaObject, schemas: Record<string, SchemaObject>): SchemaObject {
  const defs = json.$defs as Record<string, SchemaObject> | undefined;
  if (!defs) return json;
  const { $defs: _defs, ...rest } = json;
  const rename = (key: string) => `${name}_${key.replace(/^_+schema/, "def")}`;
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (value && typeof value === "object") {
      return Object.fromEntries(
        Object.entries(value).map(([key, inner]) =>
          key === "$ref" && typeof inner === "string" && inner.startsWith("#/$defs/")
            ? [key, `#/components/schemas/${rename(inner.slice("#/$defs/".length))}`]
            : [key, rewrite(inner)],
        ),
      );
    }
    return value;
  };
  for (const [key, def] of Object.entries(defs)) schemas[rename(key)] = rewrite(def) as SchemaObject;
  return rewrite(rest) as SchemaObject;
}

/** The errors defineOperation answers on its own, from the declaration's auth, method and body. */
function declaredErrors(op: OperationDoc): Partial<Record<401 | 403 | 413 | 415, string>> {
  const media = op.body
    ? {
        413: `The body is over ${MAX_BODY_BYTES / 1024 / 1024} MB (counted as it arrives, chunked or not).`,
        415: "The body is not sent as `Content-Type: application/json`.",
      }
    : {};
  const { auth } = op;
  if (auth.kind === "apiKey") {
    return {
      401: "The API key is missing, unknown or revoked.",
      ...(auth.scope ? { 403: `The API key lacks the \`${auth.scope}\` scope.` } : {}),
      ...media,
    };
  }
  if (auth.kind === "session") {
    const origin =
      op.method === "get" ? {} : { 403: "The request's `Origin` or `Sec-Fetch-Site` is not this site's, or neither was sent." };
    return { 401: "Not signed in, or the account is deactivated.", ...origin, ...media };
  }
  return media;
}

function security(auth: Auth): Record<string, string[]>[] {
  if (auth.kind === "apiKey") return [{ apiKey: auth.scope ? [auth.scope] : [] }];
  if (auth.kind === "session") return [{ session: [] }];
  return [];
}

function pathParamNames(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
}

/**
 * The documented operations of one declaration: itself, or one per instance (each with its path
 * parameters fixed and its own query schema).
 */
export function documentedOperations(spec: OperationSpec): OperationDoc[] {
  const queryFor = (params: Record<string, string>) => (typeof spec.query === "function" ? spec.query(params) : spec.query);
  if (!spec.instances) return [{ ...spec, query: queryFor({}) }];
  return spec.instances.map((instance) => {
    const params = Object.fromEntries(Object.entries(spec.params ?? {}).filter(([name]) => !(name in instance.params)));
    return {
      ...spec,
      operationId: instance.operationId,
      summary: instance.summary,
      description: instance.description ?? spec.description,
      path: spec.path.replace(/\{([^}]+)\}/g, (whole, name: string) => instance.params[name] ?? whole),
      params,
      query: queryFor(instance.params),
    };
  });
}

/** Builds the OpenAPI 3.1 document from the declared operations; throws when they are inconsistent. */
export function buildOpenApiDocument(specs: readonly OperationSpec[] = publicOperations()): OpenApiDocument {
  const registry = specs.flatMap(documentedOperations);
  const schemas: Record<string, SchemaObject> = {};
  const registered = new Map<string, { schema: z.ZodType; io: "input" | "output" }>();

  // Each named schema once; the same name for two different schemas is a registry mistake.
  function component({ name, schema }: NamedSchema, io: "input" | "output"): SchemaObject {
    const seen = registered.get(name);
    if (seen) {
      if (seen.schema !== schema || seen.io !== io) throw new Error(`Two different schemas are named "${name}" in the API description.`);
      return ref(name);
    }
    registered.set(name, { schema, io });
    schemas[name] = hoistDefs(name, toJsonSchema(schema, io), schemas);
    return ref(name);
  }

  component({ name: ERROR_SCHEMA_NAME, schema: errorBodySchema }, "output");

  const paths: Record<string, PathItem> = {};
  const operationIds = new Set<string>();
  for (const op of registry) {
    if (operationIds.has(op.operationId)) throw new Error(`Duplicate operationId ${op.operationId}.`);
    operationIds.add(op.operationId);
    const declared = Object.keys(op.params ?? {}).sort();
    const inPath = pathParamNames(op.path).sort();
    if (declared.join() !== inPath.join())
      throw new Error(`${op.method.toUpperCase()} ${op.path}: path parameters ${inPath.join()} but described ${declared.join()}.`);

    const parameters: ParameterObject[] = [];
    for (const [name, param] of Object.entries(op.params ?? {})) {
      parameters.push({
        name,
        in: "path",
        required: true,
        description: param.description,
        schema: toJsonSchema(param.schema, "input"),
        example: param.example,
      });
    }
    if (op.query) {
      const json = toJsonSchema(op.query, "input");
      const properties = (json.properties ?? {}) as Record<string, SchemaObject>;
      const required = new Set((json.required ?? []) as string[]);
      for (const [name, property] of Object.entries(properties)) {
        const { description, ...schema } = property;
        parameters.push({
          name,
          in: "query",
          required: required.has(name),
          ...(description ? { description: String(description) } : {}),
          schema,
        });
      }
    }
    for (const [name, param] of Object.entries(op.headers ?? {})) {
      parameters.push({
        name,
        in: "header",
        required: false,
        description: param.description,
        schema: toJsonSchema(param.schema, "input"),
        example: param.example,
      });
    }

    let requestBody: OperationObject["requestBody"];
    if (op.body) {
      const refs = op.body.variants.map((variant) => component(variant, "input"));
      const media: MediaTypeObject =
        op.body.variants.length === 1
          ? { schema: refs[0], example: op.body.variants[0]!.example }
          : {
              schema: { anyOf: refs },
              examples: Object.fromEntries(
                op.body.variants.map((variant) => [variant.name, { summary: variant.summary, value: variant.example }]),
              ),
            };
      requestBody = {
        required: true,
        ...(op.body.description ? { description: op.body.description } : {}),
        content: { "application/json": media },
      };
    }

    const responses: Record<string, ResponseObject> = {};
    for (const response of op.responses) {
      // The media type alone: parameters such as charset are for the wire, not the description.
      const contentType = response.contentType?.split(";")[0] ?? "application/json";
      responses[String(response.status)] = {
        description: response.description,
        ...(response.headers
          ? {
              headers: Object.fromEntries(
                Object.entries(response.headers).map(([name, header]) => [
                  name,
                  { description: header.description, schema: toJsonSchema(header.schema, "output") },
                ]),
              ),
            }
          : {}),
        ...(response.body
          ? { content: { [contentType]: { schema: component(response.body, "output") } } }
          : response.contentType
            ? { content: { [contentType]: {} } }
            : {}),
      };
    }
    const errors = { ...declaredErrors(op), ...op.errors } as Record<string, string>;
    for (const status of Object.keys(errors).sort()) {
      const code = ERROR_CODE_OF[Number(status) as ErrorStatus | 401 | 413 | 415];
      responses[status] = {
        description: errors[status]!,
        content: { "application/json": { schema: ref(ERROR_SCHEMA_NAME), example: { error: { code, message: errors[status] } } } },
      };
    }

    const pathItem = (paths[op.path] ??= {});
    if (pathItem[op.method]) throw new Error(`${op.method.toUpperCase()} ${op.path} is described twice.`);
    pathItem[op.method] = {
      operationId: op.operationId,
      tags: [op.tag],
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      security: security(op.auth),
      ...(parameters.length ? { parameters } : {}),
      ...(requestBody ? { requestBody } : {}),
      responses,
    };
  }

  return {
    openapi: OPENAPI_VERSION,
    jsonSchemaDialect: JSON_SCHEMA_DIALECT,
    info: {
      title: "Ranklab API",
      version: "1",
      description:
        "Prompts in, model outputs in, the labeling queue, and datasets out in the formats reward-model trainers read. " +
        'Every error answers `{"error": {"code", "message", "issues"?: [{"path", "message"}]}}`. ' +
        "Bodies are JSON with snake_case keys; schemas are generated from the zod schemas the server parses.",
    },
    tags: TAGS.map((tag) => ({ ...tag })),
    paths,
    components: { schemas, securitySchemes: SECURITY_SCHEMES as unknown as Record<string, SchemaObject> },
  };
}

let cached: OpenApiDocument | undefined;

/** The document, built once per process (it depends only on code). */
export function getOpenApiDocument(): OpenApiDocument {
  return (cached ??= buildOpenApiDocument());
}
