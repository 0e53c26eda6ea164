"use client";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyRow, Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { useConfirmedDelete } from "@/components/ui/use-confirmed-delete";

export type ApiKeyRow = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  created: string;
  createdBy: string | null;
  lastUsed: string;
  revoked: boolean;
};

export function ApiKeyTable({ keys }: { keys: ApiKeyRow[] }) {
  const { target, ask, dialog } = useConfirmedDelete<ApiKeyRow>((row) => `/api/admin/api-keys/${encodeURIComponent(row.id)}`);

  return (
    <>
      <Table>
        <THead>
          <TR>
            <TH>Name</TH>
            <TH className="hidden sm:table-cell">Key</TH>
            <TH>Scopes</TH>
            {/* Beside the create form the table is narrow: who created a key shows on wide screens only. */}
            <TH className="hidden 2xl:table-cell">Created</TH>
            <TH className="hidden md:table-cell">Last used</TH>
            <TH className="text-right">
              <span className="sr-only">Actions</span>
            </TH>
          </TR>
        </THead>
        <TBody>
          {keys.length === 0 ? <EmptyRow colSpan={6}>No API keys yet.</EmptyRow> : null}
          {keys.map((key) => (
            <TR key={key.id} data-testid="key-row" data-name={key.name} className={key.revoked ? "text-slate-400" : undefined}>
              <TD className="min-w-[8rem]">
                <span className={key.revoked ? "font-medium text-slate-400" : "font-medium text-slate-900"}>{key.name}</span>
                <span className="block font-mono text-xs text-slate-500 sm:hidden">{key.prefix}…</span>
                {/* Revoked keys are greyed and say so here; active ones need no status column. */}
                {key.revoked ? (
                  <Badge tone="red" className="mt-1">
                    Revoked
                  </Badge>
                ) : null}
                <span className="block text-xs text-slate-500 md:hidden">Last used: {key.lastUsed}</span>
              </TD>
              <TD className="hidden font-mono text-xs whitespace-nowrap text-slate-500 sm:table-cell">{key.prefix}…</TD>
              <TD>
                <div className="flex flex-wrap gap-1">
                  {key.scopes.map((scope) => (
                    <Badge key={scope} tone={key.revoked ? "slate" : "indigo"} className="font-mono">
                      {scope}
                    </Badge>
                  ))}
                </div>
              </TD>
              <TD className="hidden whitespace-nowrap text-slate-500 tabular-nums 2xl:table-cell">
                {key.created}
                {key.createdBy ? (
                  <span className="block max-w-[9rem] truncate text-xs text-slate-400" title={key.createdBy}>
                    {key.createdBy}
                  </span>
                ) : null}
              </TD>
              <TD className="hidden whitespace-nowrap text-slate-500 tabular-nums md:table-cell">{key.lastUsed}</TD>
              <TD className="text-right">
                {key.revoked ? null : (
                  <Button variant="secondary" size="sm" onClick={() => ask(key)}>
                    Revoke
                  </Button>
                )}
              </TD>
            </TR>
          ))}
        </TBody>
      </Table>
      <ConfirmDialog title={`Revoke “${target?.name ?? ""}”?`} confirmLabel="Revoke key" {...dialog}>
        Requests using this key are refused from now on. This cannot be undone.
      </ConfirmDialog>
    </>
  );
}
