import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyRow, Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { getAdminCounts, listRecentAuditEntries } from "@/lib/admin/queries";
import { requireAdmin } from "@/lib/auth/guards";
import { formatDateTime } from "@/lib/ui/format";

export const metadata: Metadata = { title: "Admin" };
export const dynamic = "force-dynamic";

function Stat({ label, value, href, testId }: { label: string; value: number; href: string; testId: string }) {
  return (
    <Link href={href} className="group rounded-lg focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600">
      <Card className="h-full px-4 py-3.5 transition-colors group-hover:border-indigo-300">
        <p className="text-xs font-medium text-slate-500">{label}</p>
        <p className="mt-1 text-2xl font-semibold text-slate-900 tabular-nums" data-testid={testId}>
          {value}
        </p>
      </Card>
    </Link>
  );
}

function actionTone(action: string): "red" | "green" | "indigo" | "slate" {
  if (/revoke|deactivat|delete/.test(action)) return "red";
  if (/create|accept|complete/.test(action)) return "green";
  if (/update/.test(action)) return "indigo";
  return "slate";
}

export default async function AdminOverviewPage() {
  await requireAdmin();
  const [counts, entries] = await Promise.all([getAdminCounts(), listRecentAuditEntries(10)]);

  return (
    <>
      <PageHeader title="Overview" description="People, projects and keys on this Ranklab instance." />
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        <Stat label="Active people" value={counts.activePeople} href="/admin/people" testId="count-active-people" />
        <Stat label="Admins" value={counts.admins} href="/admin/people" testId="count-admins" />
        <Stat label="Labelers" value={counts.labelers} href="/admin/people" testId="count-labelers" />
        <Stat label="Open invitations" value={counts.openInvitations} href="/admin/people" testId="count-open-invitations" />
        <Stat label="Projects" value={counts.projects} href="/admin/projects" testId="count-projects" />
        <Stat label="Active API keys" value={counts.activeApiKeys} href="/admin/api-keys" testId="count-active-api-keys" />
      </div>

      <Card className="mt-6">
        <CardHeader>
          <CardTitle>Recent activity</CardTitle>
          <CardDescription>The 10 latest entries in the audit log.</CardDescription>
        </CardHeader>
        <Table>
          <THead>
            <TR>
              <TH>When</TH>
              <TH>Who</TH>
              <TH>Action</TH>
              <TH>Target</TH>
            </TR>
          </THead>
          <TBody>
            {entries.length === 0 ? <EmptyRow colSpan={4}>Nothing has happened yet.</EmptyRow> : null}
            {entries.map((entry) => (
              <TR key={entry.id.toString()} data-testid="audit-row">
                <TD className="whitespace-nowrap text-slate-500 tabular-nums">{formatDateTime(entry.at)}</TD>
                <TD className="whitespace-nowrap">{entry.actor?.email ?? (entry.apiKeyId ? "API key" : "System")}</TD>
                <TD>
                  <Badge tone={actionTone(entry.action)} className="font-mono">
                    {entry.action}
                  </Badge>
                </TD>
                <TD className="whitespace-nowrap text-slate-500">
                  {entry.targetType ? (
                    <>
                      {entry.targetType.replace("_", " ")}{" "}
                      {entry.target?.href ? (
                        <Link href={entry.target.href} className="text-slate-700 hover:text-indigo-600" title={entry.targetId ?? undefined}>
                          {entry.target.name}
                        </Link>
                      ) : (
                        // Nothing to name it by (deleted, or a kind without a name): the id, small.
                        <span className="font-mono text-xs text-slate-400">{entry.targetId}</span>
                      )}
                    </>
                  ) : (
                    "—"
                  )}
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      </Card>
    </>
  );
}
