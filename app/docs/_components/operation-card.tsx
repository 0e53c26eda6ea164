import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { HttpMethod, OpenApiDocument, OperationObject, SchemaObject } from "@/lib/openapi/document";
import { AuthBadge, JsonDetails, MethodBadge, RichText, SchemaSummary } from "./doc-parts";

function componentName(schema: SchemaObject | undefined): string | undefined {
  const ref = schema?.$ref;
  return typeof ref === "string" ? ref.split("/").pop() : undefined;
}

/** The component a `$ref` names, or the schema itself; anyOf of refs lists each component. */
function schemaViews(document: OpenApiDocument, schema: SchemaObject | undefined): { name: string; schema: SchemaObject }[] {
  if (!schema) return [];
  const refs = (schema.anyOf as SchemaObject[] | undefined)?.every((item) => componentName(item))
    ? (schema.anyOf as SchemaObject[])
    : [schema];
  return refs.map((item) => {
    const name = componentName(item);
    return name ? { name, schema: document.components.schemas[name] ?? item } : { name: "schema", schema: item };
  });
}

export function operationAnchor(operation: OperationObject) {
  return `op-${operation.operationId}`;
}

export function OperationCard({
  document,
  path,
  method,
  operation,
  curl,
}: {
  document: OpenApiDocument;
  path: string;
  method: HttpMethod;
  operation: OperationObject;
  curl: string;
}) {
  const anchor = operationAnchor(operation);
  const parameters = operation.parameters ?? [];
  const body = operation.requestBody?.content["application/json"];
  const bodyExamples = body?.examples
    ? Object.entries(body.examples).map(([name, example]) => ({ name: example.summary ?? name, value: example.value }))
    : body?.example !== undefined
      ? [{ name: "Example", value: body.example }]
      : [];

  return (
    <Card id={anchor} className="scroll-mt-6" data-testid="api-operation">
      <CardHeader className="flex flex-col gap-2">
        <div className="flex flex-wrap items-center gap-2">
          <MethodBadge method={method} />
          <code className="font-mono text-sm font-semibold break-all text-slate-900">{path}</code>
          <span className="ml-auto">
            <AuthBadge security={operation.security} />
          </span>
        </div>
        <h3 className="text-sm font-semibold text-slate-900">
          <a href={`#${anchor}`} className="hover:underline">
            {operation.summary}
          </a>
        </h3>
        {operation.description ? (
          <p className="text-sm leading-6 text-slate-600">
            <RichText text={operation.description} />
          </p>
        ) : null}
      </CardHeader>
      <CardBody className="flex flex-col gap-5">
        {parameters.length ? (
          <section>
            <h4 className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">Parameters</h4>
            <div className="overflow-hidden rounded-md border border-slate-200">
              <Table>
                <THead>
                  <TR>
                    <TH>Name</TH>
                    <TH>In</TH>
                    <TH>Schema</TH>
                    <TH>Description</TH>
                  </TR>
                </THead>
                <TBody>
                  {parameters.map((param) => (
                    <TR key={`${param.in}-${param.name}`}>
                      <TD className="font-mono text-xs whitespace-nowrap">
                        {param.name}
                        {param.required ? (
                          <span className="ml-0.5 text-red-600" title="required">
                            *
                          </span>
                        ) : null}
                      </TD>
                      <TD className="text-xs text-slate-500">{param.in}</TD>
                      <TD className="max-w-72">
                        <SchemaSummary schema={param.schema} />
                      </TD>
                      <TD className="text-xs text-slate-600">{param.description ? <RichText text={param.description} /> : null}</TD>
                    </TR>
                  ))}
                </TBody>
              </Table>
            </div>
          </section>
        ) : null}

        {operation.requestBody ? (
          <section className="flex flex-col gap-2">
            <h4 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Request body · application/json</h4>
            {operation.requestBody.description ? (
              <p className="text-sm text-slate-600">
                <RichText text={operation.requestBody.description} />
              </p>
            ) : null}
            {schemaViews(document, body?.schema).map((view) => (
              <JsonDetails key={view.name} summary={<span className="font-mono">{view.name}</span>} value={view.schema} />
            ))}
            {bodyExamples.map((example) => (
              <JsonDetails
                key={example.name}
                summary={example.name === "Example" ? "Example" : `Example: ${example.name}`}
                value={example.value}
              />
            ))}
          </section>
        ) : null}

        <section className="flex flex-col gap-2">
          <h4 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Responses</h4>
          <ul className="flex flex-col gap-1.5">
            {Object.entries(operation.responses).map(([status, response]) => {
              const [contentType, media] = Object.entries(response.content ?? {})[0] ?? [];
              const views = schemaViews(document, media?.schema);
              const ok = status.startsWith("2");
              return (
                <li key={status} className="flex flex-col gap-1.5 rounded-md border border-slate-100 px-3 py-2">
                  <div className="flex flex-wrap items-baseline gap-2 text-sm">
                    <span className={ok ? "font-mono font-semibold text-emerald-700" : "font-mono font-semibold text-red-700"}>
                      {status}
                    </span>
                    <span className="text-slate-700">
                      <RichText text={response.description} />
                    </span>
                    {contentType ? <span className="font-mono text-xs text-slate-400">{contentType}</span> : null}
                  </div>
                  {response.headers ? (
                    <ul className="flex flex-col gap-0.5 pl-1 text-xs text-slate-600">
                      {Object.entries(response.headers).map(([name, header]) => (
                        <li key={name}>
                          <span className="font-mono text-slate-800">{name}</span>: <RichText text={header.description} />
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  {ok
                    ? views.map((view) => (
                        <JsonDetails key={view.name} summary={<span className="font-mono">{view.name}</span>} value={view.schema} />
                      ))
                    : null}
                </li>
              );
            })}
          </ul>
        </section>

        <section className="flex flex-col gap-2">
          <div className="flex items-center justify-between">
            <h4 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Example</h4>
            <CopyButton text={curl} label="Copy curl" targetId={`${anchor}-curl`} />
          </div>
          <pre
            id={`${anchor}-curl`}
            className="overflow-x-auto rounded-md bg-slate-900 px-3 py-2 font-mono text-xs leading-5 text-slate-100"
          >
            {curl}
          </pre>
        </section>
      </CardBody>
    </Card>
  );
}
