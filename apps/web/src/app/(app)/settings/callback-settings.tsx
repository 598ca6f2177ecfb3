"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import { Alert, Badge, Button, Card, SelectField, TextField } from "~/components/ui";
import { formText } from "~/lib/form";
import { formatTime } from "~/lib/format-time";
import { describeError, useTRPC } from "~/trpc/client";

import { ShowOnce } from "~/components/show-once";
import { useCan, useMe } from "./use-me";

const OVERLAPS = [
  { seconds: 0, label: "Stop at once" },
  { seconds: 3600, label: "1 hour" },
  { seconds: 24 * 3600, label: "24 hours" },
  { seconds: 7 * 24 * 3600, label: "7 days" },
];

/** Secrets are masked in the list: only the newest is revealed, right after a rotation. */
const mask = (secret: string) => `${secret.slice(0, 6)}…${secret.slice(-4)}`;

export const CallbackSettingsCard = () => {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useMe();
  const isOwner = useCan("manage_organization");
  // The signing secrets are for owners and admins only: others are not even sent them.
  const settings = useQuery(trpc.callbacks.settings.queryOptions(undefined, { enabled: isOwner }));
  const [urlError, setUrlError] = useState<{ message: string; field?: string } | null>(null);
  const [saved, setSaved] = useState(false);
  const [newSecret, setNewSecret] = useState<string | null>(null);
  const [rotateError, setRotateError] = useState<string | null>(null);

  const setUrl = useMutation(
    trpc.callbacks.setDefaultUrl.mutationOptions({
      onSuccess: (data) => {
        queryClient.setQueryData(trpc.callbacks.settings.queryKey(), data);
        setUrlError(null);
        setSaved(true);
      },
      onError: (error) => {
        const described = describeError(error);
        setSaved(false);
        const field = described.fields.default_callback_url;
        setUrlError(field ? { message: described.message, field } : { message: described.message });
      },
    }),
  );
  const rotate = useMutation(
    trpc.callbacks.rotateSecret.mutationOptions({
      onSuccess: (data) => {
        queryClient.setQueryData(trpc.callbacks.settings.queryKey(), data);
        setRotateError(null);
        // The current secret is the one without an expiry.
        setNewSecret(data.secrets.find((s) => s.expires_at === null)?.secret ?? null);
      },
      onError: (error) => setRotateError(describeError(error).message),
    }),
  );

  return (
    <Card title="Callbacks">
      {me.data && !isOwner ? (
        <p className="text-sm text-slate-600">
          Only owners and admins can see and change the callback settings.
        </p>
      ) : settings.isPending ? (
        <p className="text-sm text-slate-600">Loading callback settings…</p>
      ) : settings.isError ? (
        <Alert tone="error">{describeError(settings.error).message}</Alert>
      ) : (
        <fieldset className="space-y-8">
          <form
            className="space-y-3"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              const url = formText(
                new FormData(event.currentTarget),
                "default_callback_url",
              ).trim();
              setUrl.mutate({ default_callback_url: url === "" ? null : url });
            }}
          >
            <h3 className="text-sm font-semibold text-slate-900">Default callback URL</h3>
            {urlError && !urlError.field ? <Alert tone="error">{urlError.message}</Alert> : null}
            {saved ? <Alert tone="success">Default callback URL saved.</Alert> : null}
            <div className="flex flex-wrap items-start gap-3">
              <div className="min-w-64 flex-1">
                <TextField
                  label="Default callback URL"
                  name="default_callback_url"
                  defaultValue={settings.data.default_callback_url ?? ""}
                  placeholder="https://example.com/taskforge-callback"
                  hint="Used for tasks created without a callback_url: an http(s) URL or an email address. Leave empty to send none."
                  error={urlError?.field}
                  onChange={() => setSaved(false)}
                />
              </div>
              <Button type="submit" className="mt-6" disabled={setUrl.isPending}>
                {setUrl.isPending ? "Saving…" : "Save URL"}
              </Button>
            </div>
          </form>

          {settings.data.destinations.length ? (
            <div className="space-y-2">
              <h3 className="text-sm font-semibold text-slate-900">Receivers</h3>
              <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
                {settings.data.destinations.map((d) => (
                  <li
                    key={d.destination}
                    data-destination={d.destination}
                    className="flex flex-wrap items-center gap-3 px-3 py-2 text-sm"
                  >
                    <code className="font-mono break-all text-slate-800">{d.destination}</code>
                    <Badge tone={d.state === "closed" ? "green" : "amber"}>
                      {d.state === "closed"
                        ? "delivering"
                        : d.state === "open"
                          ? "paused"
                          : "probing"}
                    </Badge>
                    <span className="text-slate-600">
                      {d.pending} pending
                      {d.open_until ? ` · retried from ${formatTime(d.open_until)}` : ""}
                      {d.consecutive_failures
                        ? ` · ${d.consecutive_failures} failures in a row`
                        : ""}
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}

          <div className="space-y-3">
            <h3 className="text-sm font-semibold text-slate-900">Signing secrets</h3>
            <p className="text-sm text-slate-600">
              Every callback carries a signature made with these secrets; receivers check it. After
              a rotation the previous secret keeps signing for the overlap you choose, so receivers
              can switch without missing a callback.
            </p>
            {newSecret ? (
              <ShowOnce
                label="New signing secret"
                value={newSecret}
                warning="Give this secret to your receivers now: it is masked from here on."
                onDismiss={() => setNewSecret(null)}
              />
            ) : null}
            <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
              {settings.data.secrets.map((secret) => (
                <li
                  key={secret.created_at + secret.secret.slice(-4)}
                  className="flex flex-wrap items-center gap-3 px-3 py-2 text-sm"
                >
                  <code className="font-mono text-slate-800">{mask(secret.secret)}</code>
                  {secret.expires_at ? (
                    <Badge tone="amber">retiring {formatTime(secret.expires_at)}</Badge>
                  ) : (
                    <Badge tone="green">current</Badge>
                  )}
                  <span className="text-slate-600">created {formatTime(secret.created_at)}</span>
                </li>
              ))}
            </ul>
            {rotateError ? <Alert tone="error">{rotateError}</Alert> : null}
            <form
              className="flex flex-wrap items-end gap-3"
              onSubmit={(event) => {
                event.preventDefault();
                rotate.mutate({
                  overlap_seconds: Number(formText(new FormData(event.currentTarget), "overlap")),
                });
              }}
            >
              <div className="w-48">
                <SelectField
                  label="Old secret keeps signing for"
                  name="overlap"
                  defaultValue="86400"
                >
                  {OVERLAPS.map((o) => (
                    <option key={o.seconds} value={o.seconds}>
                      {o.label}
                    </option>
                  ))}
                </SelectField>
              </div>
              <Button type="submit" variant="secondary" disabled={rotate.isPending}>
                {rotate.isPending ? "Rotating…" : "Rotate secret"}
              </Button>
            </form>
          </div>
        </fieldset>
      )}
    </Card>
  );
};
