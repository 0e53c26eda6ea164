// Bad input against every JSON route of the built app: NUL characters, lone surrogates, deep
// nesting, huge strings, bytes that are not UTF-8, huge bodies declared or sent chunked, and bad
// path and query values (cursors out of range included). Each must answer a 4xx (a documented
// per-item rejection inside a 200 where a batch reports its records one by one), never a 5xx, and
// /api/health must keep answering quickly while each request is handled.
//
// The routes are read from app/api (every route file's declared operations), so a new route is
// fuzzed without being listed here; a route with a body needs a valid sample to spoil, taken from
// the OpenAPI document's example for public operations and from SAMPLES below for internal ones.
import { readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { API_KEY_SCOPES } from "@/lib/api-keys/schema";
import { FIELD_BYTES, MAX_BODY_BYTES } from "@/lib/input/schema";
import { makeApiKey, makeProject, makeUser } from "../support/factory";
import { BASE_URL, newClient, signedInClient } from "./support/http";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type Auth = "apiKey" | "session" | "public";
type Route = { method: Method; path: string; auth: Auth; body: boolean; query: boolean };
type JsonPath = (string | number)[];

const ROOT = path.resolve(import.meta.dirname, "../..");

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

/** Every operation declared with defineOperation under app/api, as its file and declaration say. */
function declaredRoutes(): Route[] {
  return routeFiles(path.join(ROOT, "app/api")).flatMap((file) => {
    const routePath = path
      .relative(path.join(ROOT, "app"), path.dirname(file))
      .split(path.sep)
      .map((part) => part.replace(/^\[(\w+)\]$/, "{$1}"))
      .join("/");
    const parts = readFileSync(file, "utf8").split(/export const (GET|POST|PUT|PATCH|DELETE) = defineOperation\(/);
    const routes: Route[] = [];
    for (let i = 1; i < parts.length; i += 2) {
      const declaration = parts[i + 1]!;
      routes.push({
        method: parts[i] as Method,
        path: `/${routePath}`,
        auth: (/auth:\s*\{\s*kind:\s*"(\w+)"/.exec(declaration)?.[1] ?? "public") as Auth,
        body: /\bbody:\s*\{[^}]*?variants:/s.test(declaration),
        query: /\n\s*query:/.test(declaration),
      });
    }
    return routes;
  });
}

const ROUTES = declaredRoutes();

// Valid bodies for internal operations (public ones use the OpenAPI document's example): each
// field is spoiled in turn, so a bad value is the only thing wrong with the request.
const SAMPLES: Record<string, unknown> = {
  "POST /api/admin/api-keys": { name: "fuzz", scopes: ["export:read"] },
  "POST /api/admin/invitations": { email: "fuzz@example.com", role: "labeler" },
  "POST /api/admin/projects": { slug: "fuzz-project", name: "Fuzz", description: "d", instructions: "i" },
  "PATCH /api/admin/projects/{slug}": { name: "Fuzz", description: "d", instructions: "i" },
  "POST /api/admin/projects/{slug}/comparisons/batches": { records: [{ line: 1, raw: "{}" }] },
  "POST /api/admin/projects/{slug}/demonstrations": { prompt_ids: ["prompt-1"], labels: 1 },
  "POST /api/admin/projects/{slug}/imports": { file_name: "prompts.csv", format: "csv", header: "text,user_id" },
  "POST /api/admin/projects/{slug}/imports/{id}/batches": { batch: 0, records: [{ line: 1, raw: "{}" }] },
  "PUT /api/admin/projects/{slug}/labelers/{id}/status": { status: "active" },
  "POST /api/admin/projects/{slug}/members": { email: "fuzz@example.com" },
  "DELETE /api/admin/projects/{slug}/members": { email: "fuzz@example.com" },
  "PATCH /api/admin/projects/{slug}/prompts/{id}": { status: "archived" },
  "PATCH /api/admin/projects/{slug}/quality-settings": { gold_rate: 0.1 },
  "PUT /api/admin/projects/{slug}/quotas": { user_id: "user-123", limit: 50 },
  "PATCH /api/admin/projects/{slug}/settings": { promptQuota: 100 },
  "POST /api/admin/projects/{slug}/snapshots": { name: "fuzz", dataset: "comparisons", model: "m" },
  "PUT /api/admin/projects/{slug}/tasks/{id}/gold": { ranking: [["a"], ["b"]] },
  "PATCH /api/admin/users/{id}": { role: "labeler" },
  "POST /api/invitations/accept": { token: "t".repeat(32), name: "Ada", password: "a long passphrase" },
  "POST /api/projects/{slug}/prompts": { kind: "user_based", category: "chat", use_case: "support", text: "Hello there" },
  "POST /api/setup": { token: "t".repeat(32), email: "fuzz@example.com", name: "Ada", password: "a long passphrase" },
};

// The query parameters of internal listings (public ones come from the OpenAPI document).
const INTERNAL_QUERIES: Record<string, string[]> = {
  "GET /api/admin/projects/{slug}/prompts": ["q", "split", "source", "category", "status", "after", "before"],
  "GET /api/admin/projects/{slug}/quotas": ["after"],
};
const CURSORS = new Set(["since", "after", "before"]);

// Where a batch reports a bad record inside its 200 (the rest of the batch goes on), and how.
const PER_ITEM: { route: string; field: RegExp; rejected: (answer: Record<string, unknown[]>, index: number) => unknown }[] = [
  {
    route: "POST /api/v1/projects/{slug}/prompts",
    // A text, or one turn of a conversation.
    field: /^prompts\.(\d+)\.(?:text|messages\.\d+\.content)$/,
    rejected: (answer, index) => answer.results?.[index],
  },
  {
    route: "POST /api/admin/projects/{slug}/comparisons/batches",
    field: /^records\.(\d+)\.raw$/,
    rejected: (answer, index) => answer.outcomes?.[index],
  },
];

const NUL = "fuzz\u0000nul";
const LONE_SURROGATE = "fuzz\ud800half";
const HUGE = "x".repeat(FIELD_BYTES.text + 1);
const HEALTH_MS = 2_000;

// JSON text, spliced in where a placeholder string stands: JSON.stringify itself recurses and
// would overflow on a value this deep.
const DEEP_JSON = `${'{"a":'.repeat(5_000)}"leaf"${"}".repeat(5_000)}`;
const DEEP = "\u0001deep\u0001";

/** A value as JSON text, with DEEP_JSON wherever DEEP stands. */
function toJson(value: unknown): string {
  return JSON.stringify(value).replaceAll(JSON.stringify(DEEP), DEEP_JSON);
}

function leaves(value: unknown, at: JsonPath = []): { path: JsonPath; value: unknown }[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => leaves(item, [...at, index]));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([key, item]) => leaves(item, [...at, key]));
  return [{ path: at, value }];
}

function replaced(value: unknown, at: JsonPath, replacement: unknown): unknown {
  if (!at.length) return replacement;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  const [head, ...rest] = at;
  copy[head!] = replaced(copy[head!], rest, replacement);
  return copy;
}

let slug: string;
let apiKey: string;
let key: APIRequestContext;
let admin: APIRequestContext;
let anonymous: APIRequestContext;
let adminCookie: string;
let publicExamples: Map<string, unknown[]>;
let publicQueries: { path: string; params: string[] }[];

test.beforeAll(async () => {
  slug = (await makeProject()).slug;
  apiKey = (await makeApiKey([...API_KEY_SCOPES])).key;
  key = await newClient(BASE_URL, { authorization: `Bearer ${apiKey}` });
  const person = await makeUser("admin");
  admin = await signedInClient(person.email, person.password);
  adminCookie = (await admin.storageState()).cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
  anonymous = await newClient();

  type DocOperation = {
    parameters?: { name: string; in: string }[];
    requestBody?: { content: Record<string, { example?: unknown; examples?: Record<string, { value: unknown }> }> };
  };
  const doc = (await (await anonymous.get("/api/v1/openapi.json")).json()) as { paths: Record<string, Record<string, DocOperation>> };
  publicExamples = new Map();
  publicQueries = [];
  for (const [docPath, item] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const content = operation.requestBody?.content["application/json"];
      const examples = [content?.example, ...Object.values(content?.examples ?? {}).map((example) => example.value)].filter(
        (example) => example !== undefined,
      );
      if (examples.length) publicExamples.set(`${method.toUpperCase()} ${docPath}`, examples);
      const query = (operation.parameters ?? []).filter((parameter) => parameter.in === "query").map((parameter) => parameter.name);
      if (method === "get" && query.length) publicQueries.push({ path: docPath, params: query });
    }
  }
});

test.afterAll(async () => {
  for (const client of [key, admin, anonymous]) await client?.dispose();
});

function clientFor(route: Route): APIRequestContext {
  return route.auth === "apiKey" ? key : route.auth === "session" ? admin : anonymous;
}

/** The route's path with its parameters filled: the project's slug, unknown ids elsewhere. */
function urlOf(routePath: string, override?: { name: string; value: string }): string {
  return routePath.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (override?.name === name) return override.value;
    if (name === "slug") return slug;
    if (name === "dataset") return "comparisons";
    return "unknown-id";
  });
}

async function health(): Promise<{ status: number; ms: number }> {
  const started = Date.now();
  const response = await anonymous.get("/api/health");
  return { status: response.status(), ms: Date.now() - started };
}

/** Runs one bad request with a health check beside it: the server must stay responsive meanwhile. */
async function whileHealthy<T>(label: string, work: () => Promise<T>): Promise<T> {
  const [result, check] = await Promise.all([work(), new Promise((resolve) => setTimeout(resolve, 5)).then(health)]);
  expect(check.status, `/api/health during ${label}`).toBe(200);
  expect(check.ms, `/api/health latency during ${label}`).toBeLessThan(HEALTH_MS);
  return result;
}

type Answer = { status: number; json: unknown };

async function send(route: Route, url: string, body?: string | Buffer): Promise<Answer> {
  const response = await clientFor(route).fetch(url, {
    method: route.method,
    data: body,
    headers: { origin: BASE_URL, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    maxRedirects: 0,
  });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: response.status(), json };
}

/**
 * Sends JSON whitespace until the server answers: `bytes` of it with Transfer-Encoding: chunked
 * (no Content-Length), or, with `declared`, that Content-Length and no body at all (a server that
 * refuses on the header answers at once; one that waits for the body never does).
 */
function sendRaw(route: Route, url: string, bytes: number, declared = false): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const auth = route.auth === "apiKey" ? { authorization: `Bearer ${apiKey}` } : route.auth === "session" ? { cookie: adminCookie } : {};
    const length = declared ? { "content-length": String(bytes) } : { "transfer-encoding": "chunked" };
    // A connection of its own, closed with the answer: one left behind would report its reset
    // in whatever test runs next.
    const request = http.request(new URL(url, BASE_URL), {
      agent: false,
      method: route.method,
      headers: { ...auth, ...length, origin: BASE_URL, "content-type": "application/json" },
    });
    let answered = false;
    request.setTimeout(30_000, () => request.destroy(new Error("no answer within 30 s")));
    request.on("response", (response) => {
      answered = true;
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      // The connection may be reset once the answer is in (the client was still sending).
      response.on("error", () => resolve({ status: response.statusCode ?? 0, json: null }));
      response.on("end", () => {
        request.destroy();
        let json: unknown = null;
        try {
          json = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        } catch {}
        resolve({ status: response.statusCode ?? 0, json });
      });
    });
    request.on("error", (error: NodeJS.ErrnoException) => {
      if (answered) return;
      // A server that stopped reading may close the connection while the client is still
      // sending, before the client reads its 413: the body was refused all the same.
      if (!declared && (error.code === "ECONNRESET" || error.code === "EPIPE")) resolve({ status: 413, json: null });
      else reject(error);
    });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      if (declared) return void request.flushHeaders();
      while (!answered && sent < bytes) {
        sent += chunk.length;
        if (!request.write(chunk)) {
          request.once("drain", pump);
          return;
        }
      }
      request.end();
    };
    pump();
  });
}

function expect4xx(answer: Answer, label: string) {
  expect(answer.status, `${label}: ${JSON.stringify(answer.json)?.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  expect(answer.status, `${label}: ${JSON.stringify(answer.json)?.slice(0, 300)}`).toBeLessThan(500);
  expect((answer.json as { error?: { code?: unknown } })?.error?.code, `${label}: a structured error`).toEqual(expect.any(String));
}

/** The route's valid bodies: its public example, its own sample, or its public twin's example (an admin screen's copy of a /api/v1 route). */
function samplesOf(route: Route): unknown[] {
  const name = `${route.method} ${route.path}`;
  const twin = `${route.method} ${route.path.replace(/^\/api\/admin\/projects\//, "/api/v1/projects/")}`;
  return publicExamples.get(name) ?? (name in SAMPLES ? [SAMPLES[name]] : (publicExamples.get(twin) ?? []));
}

for (const route of ROUTES) {
  const name = `${route.method} ${route.path}`;
  test(`${name} answers bad input with a 4xx and stays responsive`, async () => {
    test.setTimeout(90_000);
    const url = urlOf(route.path);
    const samples = route.body ? samplesOf(route) : [];
    if (route.body)
      expect(samples.length, `${name} has a body: give it a valid sample in SAMPLES (or an example in its declaration)`).toBeGreaterThan(0);

    // Path parameters that are not what they name.
    for (const param of route.path.match(/\{(\w+)\}/g)?.map((match) => match.slice(1, -1)) ?? []) {
      // Not "%ED%A0%80" (bytes that are not UTF-8): Next 16.4 answers that with its own plain 500
      // before any app code runs (its route runtime's DecodeError is not the class the server
      // checks to answer 400). In a query string it reaches us, and is fuzzed below.
      for (const value of ["%00", "%0A%20", "x".repeat(3_000)]) {
        const label = `${name} with {${param}} = ${value.slice(0, 12)}`;
        const body = samples[0] === undefined ? undefined : JSON.stringify(samples[0]);
        expect4xx(await whileHealthy(label, () => send(route, urlOf(route.path, { name: param, value }), body)), label);
      }
    }

    // Query parameters, for listings: any value is a 2xx or a 4xx; out-of-range cursors are 422s.
    const queryParams =
      route.method === "GET"
        ? [
            ...(INTERNAL_QUERIES[name] ?? []),
            ...publicQueries.filter((query) => urlOf(query.path) === url).flatMap((query) => query.params),
          ]
        : [];
    if (route.query && route.method === "GET")
      expect(queryParams.length, `${name} takes a query: list its parameters in INTERNAL_QUERIES`).toBeGreaterThan(0);
    // Past the range of a timestamp / of a bigint transaction id; past an int count (valid elsewhere).
    const hugeCursors = ["999999999999999.x", Buffer.from("99999999999999999999.x").toString("base64url")];
    for (const param of new Set(queryParams)) {
      for (const value of ["%00", "%ED%A0%80", "x".repeat(8_000), "9999999999.x", ...hugeCursors]) {
        const label = `${name}?${param}=${value.slice(0, 16)}`;
        const answer = await whileHealthy(label, () => send(route, `${url}?${param}=${value}`));
        if (CURSORS.has(param) && hugeCursors.includes(value)) expect(answer.status, label).toBe(422);
        else expect(answer.status, `${label}: ${JSON.stringify(answer.json)?.slice(0, 300)}`).toBeLessThan(500);
      }
    }

    if (!route.body) return;

    // Bodies that are not what any route takes.
    const generic: [string, string | Buffer][] = [
      ["NUL", JSON.stringify(NUL)],
      ["a lone surrogate", JSON.stringify(LONE_SURROGATE)],
      ["5,000-deep arrays", `${"[".repeat(5_000)}${"]".repeat(5_000)}`],
      ["5,000-deep objects", DEEP_JSON],
      ["bytes that are not UTF-8", Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d])],
    ];
    for (const [what, body] of generic) {
      const label = `${name} with a body of ${what}`;
      const answer = await whileHealthy(label, () => send(route, url, body));
      // An object whose only key is unknown is an empty change to a route whose fields are all
      // optional (unknown keys are ignored): fine, as long as nothing fails.
      if (body === DEEP_JSON) expect(answer.status, label).toBeLessThan(500);
      else expect4xx(answer, label);
    }

    // Each field of a valid body spoiled in turn.
    for (const sample of samples) {
      for (const leaf of leaves(sample)) {
        const field = leaf.path.join(".");
        const spoilers: [string, unknown][] = [
          ...(typeof leaf.value === "string"
            ? ([
                ["NUL", NUL],
                ["a lone surrogate", LONE_SURROGATE],
                [`${HUGE.length.toLocaleString("en")} bytes`, HUGE],
              ] as [string, unknown][])
            : []),
          ["5,000-deep nesting", DEEP],
        ];
        if (leaf.path.includes("metadata")) spoilers.push(["a NUL in a metadata key", { [NUL]: "value" }]);
        for (const [what, bad] of spoilers) {
          const label = `${name} with ${field} = ${what}`;
          const answer = await whileHealthy(label, () => send(route, url, toJson(replaced(sample, leaf.path, bad))));
          const perItem = PER_ITEM.find((rule) => rule.route === name && rule.field.test(field));
          if (perItem && (bad === NUL || bad === LONE_SURROGATE)) {
            expect(answer.status, label).toBe(200);
            const index = Number(perItem.field.exec(field)![1]);
            expect(perItem.rejected(answer.json as Record<string, unknown[]>, index), label).toMatchObject({
              status: expect.stringMatching(/^(rejected|invalid)$/),
              reason: expect.any(String),
            });
          } else expect4xx(answer, label);
        }
      }
    }

    // A body over the limit, declared, then sent chunked: refused with 413 without reading it all.
    const over = MAX_BODY_BYTES + 1024 * 1024;
    const declared = await whileHealthy(`${name} with a declared huge body`, () => sendRaw(route, url, over, true));
    expect(declared.status, `${name} with a declared huge body`).toBe(413);
    const chunked = await whileHealthy(`${name} with a chunked huge body`, () => sendRaw(route, url, over));
    expect(chunked.status, `${name} with a chunked huge body`).toBe(413);
    if (chunked.json) expect((chunked.json as { error: { code: string } }).error.code).toBe("payload_too_large");
  });
}

// A path segment whose percent-encoding does not decode: Next answered a bare 500 while decoding
// the route's parameters; the proxy now answers a structured 400 first.
test("every route with a path parameter answers a malformed percent-encoding in it with a 400", async () => {
  const routes = ROUTES.filter((route) => /\{\w+\}/.test(route.path));
  expect(routes.length).toBeGreaterThan(10);
  for (const route of routes) {
    const [, parameter] = /\{(\w+)\}/.exec(route.path)!;
    for (const value of ["%ZZ", "%E0%A4%A", "cut%"]) {
      const label = `${route.method} ${route.path} with ${parameter} = ${value}`;
      const answer = await send(route, urlOf(route.path, { name: parameter!, value }), route.method === "GET" ? undefined : "{}");
      expect(answer.status, label).toBe(400);
      expect4xx(answer, label);
    }
  }
});
