"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import { canGrantRoles, MEMBER_ROLES } from "@taskforge/schema";
import type { MemberRole } from "@taskforge/schema";

import { RoleBadges, RolePicker } from "~/components/roles/role-picker";
import {
  Alert,
  Button,
  Card,
  EmptyState,
  StatusBadge,
  Table,
  Td,
  TextField,
  Th,
} from "~/components/ui";
import { formText } from "~/lib/form";
import { formatTime } from "~/lib/format-time";
import { describeError, useTRPC } from "~/trpc/client";
import type { FieldErrors } from "~/trpc/client";

import { ConfirmButton } from "~/components/confirm-button";
import { ShowOnce } from "~/components/show-once";
import { useCan, useMe } from "./use-me";

export const InvitationsCard = () => {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const isOwner = useCan("manage_organization");
  const me = useMe();
  const invitations = useQuery(
    trpc.members.invitations.queryOptions(undefined, { enabled: isOwner }),
  );
  const [roles, setRoles] = useState<MemberRole[]>(["annotator"]);
  const myRoles = me.data?.organization?.roles ?? [];
  // The link holds the token, which the server keeps only hashed: it exists in this state only.
  const [link, setLink] = useState<string | null>(null);
  // Whether the link also went out by email, in the server's words.
  const [emailNote, setEmailNote] = useState<{
    emailed: boolean;
    failed: boolean;
    note: string;
  } | null>(null);
  const [formError, setFormError] = useState<{ message: string; fields: FieldErrors } | null>(null);
  const [listError, setListError] = useState<string | null>(null);

  const invite = useMutation(
    trpc.members.invite.mutationOptions({
      onSuccess: ({ token, emailed, email_status, email_note }) => {
        setLink(`${window.location.origin}/join/${token}`);
        setEmailNote({ emailed, failed: email_status === "failed", note: email_note });
        setFormError(null);
        void queryClient.invalidateQueries(trpc.members.invitations.queryFilter());
      },
      onError: (caught) => setFormError(describeError(caught)),
    }),
  );
  const revoke = useMutation(
    trpc.members.revokeInvitation.mutationOptions({
      onSuccess: () => {
        setListError(null);
        void queryClient.invalidateQueries(trpc.members.invitations.queryFilter());
      },
      onError: (caught) => setListError(describeError(caught).message),
    }),
  );

  return (
    <Card title="Invitations">
      <div className="space-y-4">
        {isOwner ? (
          link ? (
            <div className="space-y-3">
              {emailNote ? (
                <Alert tone={emailNote.emailed ? "success" : emailNote.failed ? "warning" : "info"}>
                  {emailNote.note}
                </Alert>
              ) : null}
              <ShowOnce
                label="Invitation link"
                value={link}
                warning={
                  emailNote?.emailed
                    ? "The link was emailed; you may also send it yourself. It is shown only now and works once."
                    : "Send this link to the person you invite. It is shown only now and works once."
                }
                onDismiss={() => {
                  setLink(null);
                  setEmailNote(null);
                }}
              />
            </div>
          ) : (
            <form
              aria-label="Invite someone"
              className="grid gap-4 sm:grid-cols-[1fr_auto] sm:items-start"
              noValidate
              onSubmit={(event) => {
                event.preventDefault();
                const form = new FormData(event.currentTarget);
                const email = formText(form, "email").trim();
                invite.mutate({
                  ...(email ? { email } : {}),
                  roles,
                  // The link in an invitation email starts where this dashboard is served.
                  base_url: window.location.origin,
                });
              }}
            >
              {formError && Object.keys(formError.fields).length === 0 ? (
                <div className="sm:col-span-2">
                  <Alert tone="error">{formError.message}</Alert>
                </div>
              ) : null}
              <TextField
                label="Email (optional)"
                name="email"
                type="email"
                placeholder="person@example.com"
                hint="When given, only this address can accept; the link is emailed there if the server has SMTP configured."
                error={formError?.fields.email}
              />
              <Button type="submit" className="sm:mt-6" disabled={invite.isPending}>
                {invite.isPending ? "Creating…" : "Create invitation link"}
              </Button>
              <div className="sm:col-span-2">
                <RolePicker
                  legend="Roles"
                  value={roles}
                  onChange={setRoles}
                  allowed={MEMBER_ROLES.filter((role) => canGrantRoles(myRoles, [role]))}
                  error={formError?.fields.roles}
                />
              </div>
            </form>
          )
        ) : (
          <p className="text-sm text-slate-600">Only owners and admins can invite people.</p>
        )}

        {listError ? <Alert tone="error">{listError}</Alert> : null}
        {!isOwner ? null : invitations.isPending ? (
          <p className="text-sm text-slate-600">Loading invitations…</p>
        ) : invitations.isError ? (
          <Alert tone="error">{describeError(invitations.error).message}</Alert>
        ) : invitations.data.length === 0 ? (
          <EmptyState title="No invitations yet" />
        ) : (
          <Table caption="Invitations">
            <thead>
              <tr>
                <Th>For</Th>
                <Th>Role</Th>
                <Th>Status</Th>
                <Th>Created</Th>
                <Th>Expires</Th>
                {isOwner ? (
                  <Th>
                    <span className="sr-only">Actions</span>
                  </Th>
                ) : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {invitations.data.map((invitation) => (
                <tr key={invitation.id} data-testid="invitation-row">
                  <Td>
                    {invitation.email ?? (
                      <span className="text-slate-600">anyone with the link</span>
                    )}
                  </Td>
                  <Td>
                    <RoleBadges roles={invitation.roles} />
                  </Td>
                  <Td>
                    <StatusBadge status={invitation.status} />
                  </Td>
                  <Td className="whitespace-nowrap">{formatTime(invitation.created_at)}</Td>
                  <Td className="whitespace-nowrap">{formatTime(invitation.expires_at)}</Td>
                  {isOwner ? (
                    <Td className="text-right">
                      {invitation.status === "pending" ? (
                        <ConfirmButton
                          label="Revoke"
                          ariaLabel={`Revoke invitation for ${invitation.email ?? "anyone with the link"}`}
                          question="The link will stop working."
                          confirmLabel="Revoke invitation"
                          disabled={revoke.isPending}
                          onConfirm={() => revoke.mutate({ id: invitation.id })}
                        />
                      ) : null}
                    </Td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </div>
    </Card>
  );
};
