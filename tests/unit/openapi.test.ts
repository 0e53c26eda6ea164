import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { operationsOf } from "@/lib/api/operation";
import { API_KEY_SCOPES } from "@/lib/api-keys/schema";
import { EXPORT_DATASETS, exportDatasetSchema } from "@/lib/exports/schema";
import { curlExample } from "@/lib/openapi/curl";
import {
  buildOpenApiDocument,
  documentedOperations,
  getOpenApiDocument,
  type HttpMethod,
  hoistDefs,
  type OperationObject,
  type SchemaObject,
} from "@/lib/openapi/document";
import { publicOperations } from "@/lib/openapi/operations";

const ROOT = path.resolve(import.meta.dirname, "../..");
const API_DIR = path.join(ROOT, "app/api/v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return /^route\.(ts|tsx|js)$/.test(entry.name) ? [path.relative(ROOT, full).split(path.sep).join("/")] : [];
  });
}

function exportedMethods(source: string): string[] {
  return METHODS.filter((method) => new RegExp(`export\\s+(const|async\\s+function|function)\\s+${method}\\b`).test(source));
}

/** `app/api/v1/tasks/[id]/skip/route.ts` → `/api/v1/tasks/{id}/skip`. */
function pathOfFile(file: string): string {
  return file
    .replace(/^app/, "")
    .replace(/\/route\.(ts|tsx|js)$/, "")
    .replace(/\[([^\]]+)\]/g, "{$1}");
}

function allOperations(doc = getOpenApiDocument()): { path: string; method: HttpMethod; op: OperationObject }[] {
  return Object.entries(doc.paths).flatMap(([p, item]) =>
    Object.entries(item).map(([method, op]) => ({ path: p, method: method as HttpMethod, op: op! })),
  );
}

function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([key, inner]) => (key === "$ref" && typeof inner === "string" ? [inner] : refsIn(inner)));
  }
  return [];
}

function zodJson(schema: z.ZodType, io: "input" | "output"): SchemaObject {
  const { $schema, ...json } = z.toJSONSchema(schema, { target: "draft-2020-12", io }) as SchemaObject;
  expect($schema).toBe("https://json-schema.org/draft/2020-12/schema");
  return json;
}

describe("OpenAPI document", () => {
  const doc = getOpenApiDocument();
  const operations = publicOperations().flatMap(documentedOperations);

  it("is an OpenAPI 3.1 document in the JSON Schema 2020-12 dialect", () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.jsonSchemaDialect).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(doc.info.title).toBeTruthy();
    expect(doc.info.version).toBeTruthy();
    expect(Object.keys(doc.paths).length).toBeGreaterThan(0);
    // Serializable as JSON without loss (no undefined, functions or zod objects inside).
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it("lists only /api/v1 paths, each operation with a unique id and a known tag", () => {
    const tags = new Set(doc.tags.map((tag) => tag.name));
    const ids = new Set<string>();
    for (const { path: p, op } of allOperations()) {
      expect(p.startsWith("/api/v1/")).toBe(true);
      expect(ids.has(op.operationId)).toBe(false);
      ids.add(op.operationId);
      expect(op.tags.every((tag) => tags.has(tag))).toBe(true);
    }
    for (const tag of ["Projects", "Prompts", "Labeling", "Export"]) expect(tags.has(tag)).toBe(true);
  });

  it("describes every route file and method under app/api/v1, each declared at its file's path", async () => {
    const listed = new Set(publicOperations());
    for (const file of routeFiles(API_DIR)) {
      const module = (await import(/* @vite-ignore */ `@/${file.replace(/\.ts$/, "")}`)) as Record<string, unknown>;
      const methods = exportedMethods(readFileSync(path.join(ROOT, file), "utf8"));
      expect(methods.length, `${file} exports no handler`).toBeGreaterThan(0);
      const declared = operationsOf(module);
      expect(
        declared.map((op) => op.method.toUpperCase()).sort(),
        `${file}: every handler made by defineOperation, with its own method`,
      ).toEqual(methods.sort());
      for (const op of declared) {
        expect(op.path, file).toBe(pathOfFile(file));
        expect(listed.has(op), `${file} is missing from ROUTE_MODULES in lib/openapi/operations.ts`).toBe(true);
      }
    }
  });

  it("leaves validation to the declarations: no route parses its own input", () => {
    for (const file of routeFiles(API_DIR)) {
      const source = readFileSync(path.join(ROOT, file), "utf8");
      expect(source, file).not.toMatch(/parseOrThrow|readJson|requireApiKey|requireApiUser|searchParams/);
    }
  });

  it("gives every operation responses: a success, 401 (plus 403 for scoped keys and a session's changes) where auth is needed, 413 and 415 where a body is", () => {
    for (const { path: p, method, op } of allOperations()) {
      const statuses = Object.keys(op.responses);
      expect(
        statuses.some((status) => /^2\d\d$/.test(status)),
        `${method} ${p}`,
      ).toBe(true);
      expect(
        statuses.every((status) =>
          ["200", "201", "202", "204", "400", "401", "403", "404", "409", "413", "415", "422", "429"].includes(status),
        ),
        `${method} ${p}: ${statuses.join(", ")}`,
      ).toBe(true);
      const requirement = op.security[0];
      if (!requirement) {
        expect(p).toBe("/api/v1/openapi.json");
        continue;
      }
      expect(statuses, `${method} ${p}`).toContain("401");
      const [scheme, scopes] = Object.entries(requirement)[0]!;
      expect(Object.keys(doc.components.securitySchemes)).toContain(scheme);
      if (scheme === "apiKey" && scopes.length) expect(statuses, `${method} ${p}`).toContain("403");
      if (scheme === "session" && method !== "get") expect(statuses, `${method} ${p}`).toContain("403");
      if (op.requestBody) expect(statuses, `${method} ${p}`).toEqual(expect.arrayContaining(["413", "415"]));
      for (const [status, response] of Object.entries(op.responses)) {
        if (/^[45]/.test(status)) expect(response.content?.["application/json"]?.schema).toEqual({ $ref: "#/components/schemas/Error" });
      }
    }
  });

  it("declares a bearer scheme for API keys, with the scopes the routes ask for, and a cookie scheme for sessions", () => {
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.components.securitySchemes.session).toMatchObject({ type: "apiKey", in: "cookie" });
    const scopes = new Set(allOperations().flatMap(({ op }) => op.security.flatMap((req) => req.apiKey ?? [])));
    // Every scope a key can carry is asked for by some operation.
    expect([...scopes].sort()).toEqual([...API_KEY_SCOPES].sort());
  });

  it("describes request bodies by reference to z.toJSONSchema of the very schemas in the registry", () => {
    let bodies = 0;
    for (const op of operations) {
      const described = doc.paths[op.path]![op.method]!;
      if (!op.body) {
        expect(described.requestBody).toBeUndefined();
        continue;
      }
      const schema = described.requestBody!.content["application/json"]!.schema!;
      const refs = refsIn(schema);
      expect(refs).toEqual(op.body.variants.map((variant) => `#/components/schemas/${variant.name}`));
      for (const variant of op.body.variants) {
        const hoisted: Record<string, SchemaObject> = {};
        expect(doc.components.schemas[variant.name], variant.name).toEqual(
          hoistDefs(variant.name, zodJson(variant.schema, "input"), hoisted),
        );
        for (const [name, def] of Object.entries(hoisted)) expect(doc.components.schemas[name], name).toEqual(def);
        bodies++;
      }
    }
    expect(bodies).toBeGreaterThanOrEqual(7);
  });

  it("describes JSON response bodies with z.toJSONSchema of their schemas", () => {
    for (const op of operations) {
      for (const response of op.responses) {
        if (!response.body) continue;
        const hoisted: Record<string, SchemaObject> = {};
        const json = hoistDefs(response.body.name, zodJson(response.body.schema, "output"), hoisted);
        expect(doc.components.schemas[response.body.name], response.body.name).toEqual(json);
        for (const [name, def] of Object.entries(hoisted)) expect(doc.components.schemas[name], name).toEqual(def);
      }
    }
  });

  it("uses the routes' own query and path schemas", () => {
    for (const dataset of EXPORT_DATASETS) {
      const op = doc.paths[`/api/v1/projects/{slug}/export/${dataset}`]?.get;
      expect(op, dataset).toBeDefined();
      const format = op!.parameters!.find((param) => param.name === "format" && param.in === "query");
      expect(format?.schema.enum).toBeDefined();
    }
    // One concrete path per value the route's dataset schema accepts.
    expect(exportDatasetSchema.options).toEqual([...EXPORT_DATASETS]);
    const slug = doc.paths["/api/v1/projects/{slug}"]!.get!.parameters!.find((param) => param.name === "slug")!;
    expect(slug.schema).toHaveProperty("pattern");
  });

  it("has request-body examples that the schemas accept", () => {
    for (const op of operations) {
      for (const variant of op.body?.variants ?? []) {
        const result = variant.schema.safeParse(variant.example);
        expect(result.success, `${op.operationId} example for ${variant.name}: ${result.error?.message}`).toBe(true);
      }
      for (const [name, param] of Object.entries({ ...op.params, ...op.headers })) {
        if (param.example !== undefined) expect(param.schema.safeParse(param.example).success, `${op.operationId} ${name}`).toBe(true);
      }
    }
  });

  it("resolves every $ref and leaves no $schema or local $defs inside", () => {
    const text = JSON.stringify(doc);
    expect(text).not.toContain('"$schema"');
    expect(text).not.toContain("#/$defs/");
    for (const ref of refsIn(doc)) {
      const name = ref.replace(/^#\/components\/schemas\//, "");
      expect(ref.startsWith("#/components/schemas/"), ref).toBe(true);
      expect(doc.components.schemas[name], ref).toBeDefined();
    }
  });

  it("rejects an inconsistent registry", () => {
    const [first] = publicOperations();
    expect(() => buildOpenApiDocument([first!, first!])).toThrow(/Duplicate operationId/);
    expect(() => buildOpenApiDocument([{ ...first!, path: "/api/v1/projects/{slug}", params: {} }])).toThrow(/path parameters/);
  });

  it("makes curl examples with the auth and body each operation needs", () => {
    const ingest = doc.paths["/api/v1/projects/{slug}/prompts"]!.post!;
    const curl = curlExample("https://ranklab.example", "/api/v1/projects/{slug}/prompts", "post", ingest);
    expect(curl).toContain("-X POST 'https://ranklab.example/api/v1/projects/demo/prompts'");
    expect(curl).toContain("Authorization: Bearer $RANKLAB_API_KEY");
    expect(curl).toContain('"user_id":"user-123"');
    const next = doc.paths["/api/v1/projects/{slug}/tasks/next"]!.post!;
    const nextCurl = curlExample("http://localhost:3000", "/api/v1/projects/{slug}/tasks/next", "post", next);
    expect(nextCurl).toContain("next-auth.session-token=");
    expect(nextCurl).toContain("-H 'Origin: http://localhost:3000'");
    const exportOp = doc.paths["/api/v1/projects/{slug}/export/comparisons"]!.get!;
    expect(curlExample("http://localhost:3000", "/api/v1/projects/{slug}/export/comparisons", "get", exportOp)).toContain("format=batches");
  });
});

describe("GET /api/v1/openapi.json", () => {
  it("answers the document as cacheable public JSON", async () => {
    const { GET } = await import("@/app/api/v1/openapi.json/route");
    const response = await GET(new Request("http://localhost/api/v1/openapi.json"), { params: Promise.resolve({}) });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("cache-control")).toMatch(/public/);
    expect(await response.json()).toEqual(getOpenApiDocument());
  });
});
