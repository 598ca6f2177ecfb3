"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { MEMBER_ROLES } from "@taskforge/schema";
import type { MemberRole } from "@taskforge/schema";
import { useState } from "react";

import {
  Alert,
  Button,
  Card,
  EmptyState,
  SelectField,
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
import { RoleBadges, RolePicker } from "~/components/roles/role-picker";
import { ShowOnce } from "~/components/show-once";
import { useMe } from "../settings/use-me";

export const ApiKeysManager = () => {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keys = useQuery(trpc.apiKeys.list.queryOptions());
  // The key itself lives only in this state: a reload (or "Done") forgets it for good.
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const [formError, setFormError] = useState<{ message: string; fields: FieldErrors } | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  // A key does at most what its creator may: by default all of their roles, narrowed here.
  const myRoles = useMe().data?.organization?.roles ?? [];
  const [roles, setRoles] = useState<MemberRole[] | null>(null);
  const keyRoles = roles ?? MEMBER_ROLES.filter((role) => myRoles.includes(role));

  const create = useMutation(
    trpc.apiKeys.create.mutationOptions({
      onSuccess: (result) => {
        setCreated({ name: result.api_key.name, key: result.key });
        setFormError(null);
        void queryClient.invalidateQueries(trpc.apiKeys.list.queryFilter());
      },
      onError: (error) => setFormError(describeError(error)),
    }),
  );
  const revoke = useMutation(
    trpc.apiKeys.revoke.mutationOptions({
      onSuccess: () => {
        setListError(null);
        void queryClient.invalidateQueries(trpc.apiKeys.list.queryFilter());
      },
      onError: (error) => setListError(describeError(error).message),
    }),
  );

  return (
    <div className="space-y-6">
      <Card title="Create a key">
        {created ? (
          <ShowOnce
            label={`Your new key “${created.name}”`}
            value={created.key}
            warning="Copy it now and keep it somewhere safe: it will not be shown again. Only its prefix stays visible here."
            onDismiss={() => setCreated(null)}
          />
        ) : (
          <form
            className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-start"
            onSubmit={(event) => {
              event.preventDefault();
              const form = new FormData(event.currentTarget);
              create.mutate({
                name: formText(form, "name"),
                mode: formText(form, "mode") === "test" ? "test" : "live",
                roles: keyRoles,
              });
            }}
          >
            {formError && Object.keys(formError.fields).length === 0 ? (
              <div className="sm:col-span-3">
                <Alert tone="error">{formError.message}</Alert>
              </div>
            ) : null}
            <TextField
              label="Name"
              name="name"
              required
              maxLength={100}
              placeholder="e.g. labeling pipeline"
              hint="So you can tell your keys apart."
              error={formError?.fields.name}
            />
            <SelectField
              label="Mode"
              name="mode"
              defaultValue="live"
              error={formError?.fields.mode}
            >
              <option value="live">Live</option>
              <option value="test">Test</option>
            </SelectField>
            <Button type="submit" className="sm:mt-6" disabled={create.isPending}>
              {create.isPending ? "Creating…" : "Create key"}
            </Button>
            <div className="sm:col-span-3">
              <RolePicker
                legend="What the key may do (never more than your own roles)"
                value={keyRoles}
                onChange={setRoles}
                allowed={myRoles}
                error={formError?.fields.roles}
              />
            </div>
          </form>
        )}
      </Card>

      <section aria-labelledby="keys-heading" className="space-y-3">
        <h2 id="keys-heading" className="text-base font-semibold text-slate-900">
          Existing keys
        </h2>
        {listError ? <Alert tone="error">{listError}</Alert> : null}
        {keys.isPending ? (
          <p className="text-sm text-slate-600">Loading keys…</p>
        ) : keys.isError ? (
          <Alert tone="error">{describeError(keys.error).message}</Alert>
        ) : keys.data.length === 0 ? (
          <EmptyState title="No API keys yet">Create one above to use the API.</EmptyState>
        ) : (
          <Table caption="API keys">
            <thead>
              <tr>
                <Th>Name</Th>
                <Th>Mode</Th>
                <Th>Prefix</Th>
                <Th>Scope</Th>
                <Th>Created by</Th>
                <Th>Created</Th>
                <Th>Last used</Th>
                <Th>Status</Th>
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {keys.data.map((key) => (
                <tr key={key.id} data-testid="api-key-row">
                  <Td className="font-medium">{key.name || "(unnamed)"}</Td>
                  <Td>
                    <StatusBadge status={key.mode} />
                  </Td>
                  <Td>
                    <code className="rounded bg-slate-100 px-1.5 py-0.5 text-xs">{key.prefix}</code>
                  </Td>
                  <Td>
                    <RoleBadges roles={key.roles} />
                  </Td>
                  <Td>
                    {key.created_by ? (
                      <span data-testid="api-key-creator">
                        {key.created_by.name ? (
                          <>
                            {key.created_by.name}
                            <span className="block text-xs text-slate-600">
                              {key.created_by.email}
                            </span>
                          </>
                        ) : (
                          key.created_by.email
                        )}
                      </span>
                    ) : (
                      <span className="text-slate-600">the organization</span>
                    )}
                  </Td>
                  <Td className="whitespace-nowrap">{formatTime(key.created_at)}</Td>
                  <Td className="whitespace-nowrap">{formatTime(key.last_used_at, "never")}</Td>
                  <Td className="whitespace-nowrap">
                    {key.revoked_at ? (
                      <span className="inline-flex flex-col gap-0.5">
                        <StatusBadge status="revoked" />
                        <span className="text-xs text-slate-600">{formatTime(key.revoked_at)}</span>
                      </span>
                    ) : (
                      <span className="text-sm text-emerald-800">Active</span>
                    )}
                  </Td>
                  <Td className="text-right">
                    {key.revoked_at ? null : (
                      <ConfirmButton
                        label="Revoke"
                        ariaLabel={`Revoke ${key.name || key.prefix}`}
                        question="Programs using this key will stop working."
                        confirmLabel="Revoke key"
                        disabled={revoke.isPending}
                        onConfirm={() => revoke.mutate({ id: key.id })}
                      />
                    )}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>
    </div>
  );
};
