"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import { Alert, Card, Table, Td, Th } from "~/components/ui";
import { formatTime } from "~/lib/format-time";
import { describeError, useTRPC } from "~/trpc/client";

import { ConfirmButton } from "~/components/confirm-button";
import { RoleBadges } from "~/components/roles/role-picker";
import { MemberRolesEditor } from "./member-roles-editor";
import { useCan, useMe } from "./use-me";

export const MembersCard = () => {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useMe();
  const members = useQuery(trpc.members.list.queryOptions());
  const [error, setError] = useState<string | null>(null);
  const isOwner = useCan("manage_organization");
  const myRoles = me.data?.organization?.roles ?? [];

  // After any change the list and the signed-in person's own roles are read again (an owner may
  // have taken a role from themselves, which can make this card read-only).
  const refresh = () => {
    void queryClient.invalidateQueries(trpc.members.list.queryFilter());
    void queryClient.invalidateQueries(trpc.account.me.queryFilter());
    void queryClient.invalidateQueries(trpc.members.invitations.queryFilter());
  };
  const setRole = useMutation(
    trpc.members.setRoles.mutationOptions({
      onSuccess: () => {
        setError(null);
        refresh();
      },
      onError: (caught) => {
        setError(describeError(caught).message);
        refresh();
      },
    }),
  );
  const remove = useMutation(
    trpc.members.remove.mutationOptions({
      onSuccess: () => {
        setError(null);
        refresh();
      },
      onError: (caught) => setError(describeError(caught).message),
    }),
  );

  return (
    <Card title="Members">
      <div className="space-y-3">
        {!isOwner && me.data ? (
          <p className="text-sm text-slate-600">
            Only owners and admins can change roles, remove members and invite people.
          </p>
        ) : null}
        {error ? <Alert tone="error">{error}</Alert> : null}
        {members.isPending ? (
          <p className="text-sm text-slate-600">Loading members…</p>
        ) : members.isError ? (
          <Alert tone="error">{describeError(members.error).message}</Alert>
        ) : (
          <Table caption="Members">
            <thead>
              <tr>
                <Th>Person</Th>
                <Th>Roles</Th>
                <Th>Joined</Th>
                <Th>Last sign-in</Th>
                {isOwner ? (
                  <Th>
                    <span className="sr-only">Actions</span>
                  </Th>
                ) : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {members.data.map((member) => {
                const who = member.name ? `${member.name} (${member.email})` : member.email;
                const self = member.id === me.data?.user_id;
                return (
                  <tr key={member.id} data-testid="member-row">
                    <Td>
                      <span className="font-medium">{member.name ?? member.email}</span>
                      {member.name ? (
                        <span className="block text-xs text-slate-600">{member.email}</span>
                      ) : null}
                      {self ? <span className="ml-1 text-xs text-slate-600">(you)</span> : null}
                    </Td>
                    <Td>
                      {isOwner ? (
                        <MemberRolesEditor
                          who={who}
                          roles={member.roles}
                          myRoles={myRoles}
                          saving={setRole.isPending}
                          onSave={(roles) => setRole.mutate({ id: member.id, roles })}
                        />
                      ) : (
                        <RoleBadges roles={member.roles} />
                      )}
                    </Td>
                    <Td className="whitespace-nowrap">{formatTime(member.created_at)}</Td>
                    <Td className="whitespace-nowrap">
                      {formatTime(member.last_sign_in_at, "never")}
                    </Td>
                    {isOwner ? (
                      <Td className="text-right">
                        <ConfirmButton
                          label="Remove"
                          ariaLabel={`Remove ${who}`}
                          question={
                            self ? "You will leave the organization." : "They lose access at once."
                          }
                          confirmLabel="Remove"
                          disabled={remove.isPending}
                          onConfirm={() => remove.mutate({ id: member.id })}
                        />
                      </Td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </Table>
        )}
      </div>
    </Card>
  );
};
