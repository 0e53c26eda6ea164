import type { Metadata } from "next";
import Link from "next/link";
import { ApiKeyForm } from "@/components/api-keys/admin/api-key-form";
import { ApiKeyTable } from "@/components/api-keys/admin/api-key-table";
import { Card, CardBody, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { listApiKeys } from "@/lib/api-keys/queries";
import { requireAdmin } from "@/lib/auth/guards";
import { formatDate, formatDateTime } from "@/lib/ui/format";

export const metadata: Metadata = { title: "API keys" };
export const dynamic = "force-dynamic";

export default async function ApiKeysPage() {
  await requireAdmin();
  const keys = await listApiKeys();

  return (
    <>
      <PageHeader
        title="API keys"
        description={
          <>
            Keys let scripts and trainers send prompts and outputs in, and pull exports out. What each call takes and answers is in the{" "}
            <Link href="/docs" className="font-medium text-indigo-600 hover:text-indigo-500" data-testid="docs-link">
              API reference
            </Link>
            .
          </>
        }
      />
      <div className="grid grid-cols-[minmax(0,1fr)] items-start gap-6 lg:grid-cols-[minmax(0,1fr)_21rem]">
        <Card>
          <CardHeader>
            <CardTitle>Keys</CardTitle>
            <CardDescription>{keys.filter((key) => !key.revokedAt).length} active</CardDescription>
          </CardHeader>
          <ApiKeyTable
            keys={keys.map((key) => ({
              id: key.id,
              name: key.name,
              prefix: key.prefix,
              scopes: key.scopes,
              created: formatDate(key.createdAt),
              createdBy: key.createdBy?.email ?? null,
              lastUsed: key.lastUsedAt ? formatDateTime(key.lastUsedAt) : "Never",
              revoked: key.revokedAt !== null,
            }))}
          />
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Create a key</CardTitle>
            <CardDescription>Give each script its own key, with only the scopes it needs.</CardDescription>
          </CardHeader>
          <CardBody>
            <ApiKeyForm />
          </CardBody>
        </Card>
      </div>
    </>
  );
}
