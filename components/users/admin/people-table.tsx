"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Select } from "@/components/ui/input";
import { EmptyRow, Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { callApi } from "@/lib/ui/api";
import type { Role } from "@/lib/users/schema";

export type PersonRow = {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  active: boolean;
  lastSignIn: string;
};

type Pending = { person: PersonRow; active: boolean } | null;

export function PeopleTable({ people, currentUserId }: { people: PersonRow[]; currentUserId: string }) {
  const router = useRouter();
  const [busyId, setBusyId] = useState<string | null>(null);
  const [rowError, setRowError] = useState<{ id: string; message: string } | null>(null);
  const [signedOutId, setSignedOutId] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<Pending>(null);
  const [confirmError, setConfirmError] = useState<string | null>(null);

  async function changeRole(person: PersonRow, role: Role) {
    setBusyId(person.id);
    setRowError(null);
    const result = await callApi(`/api/admin/users/${encodeURIComponent(person.id)}`, { method: "PATCH", body: { role } });
    setBusyId(null);
    if (!result.ok) setRowError({ id: person.id, message: result.message });
    router.refresh();
  }

  async function signOutEverywhere(person: PersonRow) {
    setBusyId(person.id);
    setRowError(null);
    setSignedOutId(null);
    const result = await callApi(`/api/admin/users/${encodeURIComponent(person.id)}/sign-out`, { method: "POST" });
    setBusyId(null);
    if (result.ok) setSignedOutId(person.id);
    else setRowError({ id: person.id, message: result.message });
  }

  async function setActive() {
    if (!confirm) return;
    setBusyId(confirm.person.id);
    setConfirmError(null);
    const result = await callApi(`/api/admin/users/${encodeURIComponent(confirm.person.id)}`, {
      method: "PATCH",
      body: { active: confirm.active },
    });
    setBusyId(null);
    if (!result.ok) {
      setConfirmError(result.message);
      return;
    }
    setConfirm(null);
    router.refresh();
  }

  return (
    <>
      <Table>
        <THead>
          <TR>
            <TH>Person</TH>
            <TH className="hidden sm:table-cell">Status</TH>
            <TH className="hidden md:table-cell">Last sign-in</TH>
            <TH className="text-right">Role and access</TH>
          </TR>
        </THead>
        <TBody>
          {people.length === 0 ? <EmptyRow colSpan={4}>No people yet.</EmptyRow> : null}
          {people.map((person) => {
            const self = person.id === currentUserId;
            const busy = busyId === person.id;
            return (
              <TR
                key={person.id}
                data-testid="person-row"
                data-email={person.email}
                className={person.active ? undefined : "bg-slate-50/70"}
              >
                <TD className="min-w-[11rem] sm:min-w-[13rem]">
                  <div className="font-medium text-slate-900">
                    {person.name || <span className="font-normal text-slate-400">No name</span>}
                    {self ? (
                      <Badge tone="indigo" className="ml-2 align-middle">
                        You
                      </Badge>
                    ) : null}
                  </div>
                  <div className="text-xs text-slate-500 [overflow-wrap:anywhere]">{person.email}</div>
                  {/* On phones the status and last sign-in columns fold in here. */}
                  <div className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-500 md:hidden">
                    <span className="sm:hidden">
                      {person.active ? <Badge tone="green">Active</Badge> : <Badge tone="slate">Deactivated</Badge>}
                    </span>
                    <span>Last sign-in: {person.lastSignIn}</span>
                  </div>
                  {rowError?.id === person.id ? <p className="mt-1 text-xs font-medium text-red-600">{rowError.message}</p> : null}
                  {!self && person.active ? (
                    // A lost laptop or a shared password: every session they have ends at its next request.
                    <button
                      type="button"
                      className="mt-1 rounded text-xs font-medium text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600 disabled:text-slate-400"
                      disabled={busy}
                      onClick={() => void signOutEverywhere(person)}
                    >
                      Sign out everywhere
                    </button>
                  ) : null}
                  {signedOutId === person.id ? (
                    <p className="mt-1 text-xs text-slate-600" data-testid="signed-out-everywhere">
                      Signed out on every device.
                    </p>
                  ) : null}
                </TD>
                <TD className="hidden sm:table-cell">
                  {person.active ? <Badge tone="green">Active</Badge> : <Badge tone="slate">Deactivated</Badge>}
                </TD>
                <TD className="hidden min-w-[7.5rem] text-slate-500 tabular-nums md:table-cell">{person.lastSignIn}</TD>
                <TD>
                  <div className="flex flex-col items-end gap-2 sm:flex-row sm:items-center sm:justify-end">
                    <Select
                      aria-label={`Role for ${person.email}`}
                      value={person.role}
                      disabled={self || busy || !person.active}
                      onChange={(event) => void changeRole(person, event.target.value as Role)}
                      className="h-8 text-xs"
                      wrapperClassName="w-28"
                      title={self ? "You cannot change your own role." : undefined}
                    >
                      <option value="labeler">Labeler</option>
                      <option value="admin">Admin</option>
                    </Select>
                    <div className="flex w-28 justify-end sm:w-24">
                      {self ? (
                        <span className="px-2 text-xs text-slate-400">Your account</span>
                      ) : person.active ? (
                        <Button
                          variant="secondary"
                          size="sm"
                          className="w-full"
                          disabled={busy}
                          onClick={() => {
                            setConfirmError(null);
                            setConfirm({ person, active: false });
                          }}
                        >
                          Deactivate
                        </Button>
                      ) : (
                        <Button
                          variant="secondary"
                          size="sm"
                          className="w-full"
                          disabled={busy}
                          onClick={() => {
                            setConfirmError(null);
                            setConfirm({ person, active: true });
                          }}
                        >
                          Reactivate
                        </Button>
                      )}
                    </div>
                  </div>
                </TD>
              </TR>
            );
          })}
        </TBody>
      </Table>
      <ConfirmDialog
        open={confirm !== null}
        title={confirm?.active ? `Reactivate ${confirm.person.email}?` : `Deactivate ${confirm?.person.email ?? ""}?`}
        confirmLabel={confirm?.active ? "Reactivate" : "Deactivate"}
        tone={confirm?.active ? "primary" : "danger"}
        pending={busyId !== null && busyId === confirm?.person.id}
        error={confirmError}
        onConfirm={() => void setActive()}
        onCancel={() => setConfirm(null)}
      >
        {confirm?.active
          ? "They will be able to sign in again with their existing password."
          : "They are signed out at once and cannot sign in until reactivated. Their work is kept."}
      </ConfirmDialog>
    </>
  );
}
