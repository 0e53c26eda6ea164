import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardBody, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getEnv } from "@/lib/env";
import { curlExample } from "@/lib/openapi/curl";
import { getOpenApiDocument, type HttpMethod, type OperationObject } from "@/lib/openapi/document";
import { JsonDetails, MethodBadge, RichText } from "./_components/doc-parts";
import { OperationCard, operationAnchor } from "./_components/operation-card";

export const metadata: Metadata = { title: "API reference", description: "The Ranklab /api/v1 reference, from its OpenAPI 3.1 document." };

type Entry = { path: string; method: HttpMethod; operation: OperationObject };

// The base URL curl examples use: the configured public URL, else the host this page was asked on.
async function baseUrl(): Promise<string> {
  const configured = getEnv().NEXTAUTH_URL;
  if (configured) return configured.replace(/\/$/, "");
  const list = await headers();
  const host = list.get("host") ?? "localhost:3000";
  const proto = list.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${proto}://${host}`;
}

/** Public API reference: a reading of /api/v1/openapi.json, grouped by tag. */
export default async function DocsPage() {
  const document = getOpenApiDocument();
  const base = await baseUrl();
  const entries: Entry[] = Object.entries(document.paths).flatMap(([path, item]) =>
    (Object.entries(item) as [HttpMethod, OperationObject][]).map(([method, operation]) => ({ path, method, operation })),
  );
  const groups = document.tags
    .map((tag) => ({ tag, entries: entries.filter((entry) => entry.operation.tags.includes(tag.name)) }))
    .filter((group) => group.entries.length);
  const schemes = document.components.securitySchemes;

  return (
    <div className="mx-auto w-full max-w-6xl px-4 py-6 sm:px-6 sm:py-8">
      <div className="mb-4 flex items-center justify-between text-sm">
        <Link href="/" className="font-semibold text-slate-900">
          Ranklab
        </Link>
        <span className="text-slate-500">API reference</span>
      </div>
      <PageHeader
        title="Ranklab API"
        description={<RichText text={document.info.description} />}
        actions={
          <>
            <Badge tone="slate">OpenAPI {document.openapi}</Badge>
            <a href="/api/v1/openapi.json" className={buttonClasses({ variant: "secondary", size: "sm" })}>
              openapi.json
            </a>
          </>
        }
      />

      <div className="grid gap-6 lg:grid-cols-[15rem_minmax(0,1fr)]">
        <nav aria-label="Operations" className="lg:sticky lg:top-6 lg:max-h-[calc(100vh-3rem)] lg:self-start lg:overflow-y-auto">
          <ul className="flex flex-col gap-4 text-sm">
            <li>
              <a href="#authentication" className="font-medium text-slate-700 hover:text-slate-900">
                Authentication
              </a>
            </li>
            <li>
              <a href="#errors" className="font-medium text-slate-700 hover:text-slate-900">
                Errors
              </a>
            </li>
            {groups.map(({ tag, entries: tagEntries }) => (
              <li key={tag.name}>
                <a href={`#tag-${tag.name}`} className="font-semibold text-slate-900">
                  {tag.name}
                </a>
                <ul className="mt-1.5 flex flex-col gap-1">
                  {tagEntries.map(({ method, operation }) => (
                    <li key={operation.operationId}>
                      <a href={`#${operationAnchor(operation)}`} className="flex items-center gap-2 text-slate-600 hover:text-slate-900">
                        <span className="origin-left scale-75">
                          <MethodBadge method={method} />
                        </span>
                        <span className="-ml-3 truncate">{operation.summary}</span>
                      </a>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </nav>

        <main className="flex min-w-0 flex-col gap-8">
          <Card id="authentication" className="scroll-mt-6">
            <CardHeader>
              <CardTitle>Authentication</CardTitle>
              <CardDescription>Each operation says which of these it takes.</CardDescription>
            </CardHeader>
            <CardBody className="flex flex-col gap-3 text-sm text-slate-700">
              {Object.entries(schemes).map(([name, scheme]) => (
                <div key={name}>
                  <p className="font-medium text-slate-900">
                    {name === "apiKey" ? "API key (HTTP bearer)" : "Session cookie"}{" "}
                    <span className="font-mono text-xs text-slate-400">securitySchemes.{name}</span>
                  </p>
                  <p className="mt-0.5 leading-6">
                    <RichText text={String(scheme.description ?? "")} />
                  </p>
                </div>
              ))}
            </CardBody>
          </Card>

          <Card id="errors" className="scroll-mt-6">
            <CardHeader>
              <CardTitle>Errors</CardTitle>
              <CardDescription>
                Every error has one shape; the status says what kind. Validation errors (422) list every problem in{" "}
                <code className="font-mono">issues</code>.
              </CardDescription>
            </CardHeader>
            <CardBody className="flex flex-col gap-3">
              <pre className="overflow-x-auto rounded-md bg-slate-900 px-3 py-2 font-mono text-xs leading-5 text-slate-100">
                {JSON.stringify(
                  {
                    error: {
                      code: "unprocessable",
                      message: "The request is not valid (prompts.0.user_id: Give the end user's ID.).",
                      issues: [{ path: "prompts.0.user_id", message: "Give the end user's ID." }],
                    },
                  },
                  null,
                  2,
                )}
              </pre>
              <JsonDetails summary={<span className="font-mono">Error</span>} value={document.components.schemas.Error} />
            </CardBody>
          </Card>

          {groups.map(({ tag, entries: tagEntries }) => (
            <section
              key={tag.name}
              id={`tag-${tag.name}`}
              className="flex scroll-mt-6 flex-col gap-4"
              aria-labelledby={`tag-${tag.name}-title`}
            >
              <div>
                <h2 id={`tag-${tag.name}-title`} className="text-lg font-semibold text-slate-900">
                  {tag.name}
                </h2>
                <p className="text-sm text-slate-500">{tag.description}</p>
              </div>
              {tagEntries.map(({ path, method, operation }) => (
                <OperationCard
                  key={operation.operationId}
                  document={document}
                  path={path}
                  method={method}
                  operation={operation}
                  curl={curlExample(base, path, method, operation)}
                />
              ))}
            </section>
          ))}
        </main>
      </div>
    </div>
  );
}
