"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";

import { Alert, Button, inputClass, SelectField, TextField } from "~/components/ui";
import { formText } from "~/lib/form";
import { describeError, useTRPC } from "~/trpc/client";
import type { FieldErrors } from "~/trpc/client";

type Failure = { message: string; fields: FieldErrors } | null;

/** Shows the server's message at the top unless it belongs to one of the form's fields. */
const FormAlert = ({ failure }: { failure: Failure }) =>
  failure && Object.keys(failure.fields).length === 0 ? (
    <Alert tone="error">{failure.message}</Alert>
  ) : null;

export const AddWorkerForm = () => {
  const router = useRouter();
  const [failure, setFailure] = useState<Failure>(null);
  const [done, setDone] = useState<string | null>(null);
  const setRoles = useMutation(useTRPC().admin.setWorkerRoles.mutationOptions());
  const busy = setRoles.isPending;
  return (
    <form
      className="space-y-3"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const email = formText(form, "email").trim();
        setRoles.mutate(
          { email, tasker: form.has("tasker"), reviewer: form.has("reviewer") },
          {
            onSuccess: (result) => {
              setFailure(null);
              setDone(`${email} now has the roles: ${result.roles.join(", ") || "none"}.`);
              router.refresh();
            },
            onError: (caught) => {
              setDone(null);
              setFailure(describeError(caught));
            },
          },
        );
      }}
    >
      <FormAlert failure={failure} />
      {done ? <Alert tone="success">{done}</Alert> : null}
      <TextField
        label="Email of an existing account"
        name="email"
        type="email"
        required
        error={failure?.fields.email}
      />
      <fieldset className="flex gap-4 text-sm">
        <legend className="sr-only">Roles</legend>
        <label className="inline-flex items-center gap-2">
          <input type="checkbox" name="tasker" defaultChecked className="size-4" /> Tasker
        </label>
        <label className="inline-flex items-center gap-2">
          <input type="checkbox" name="reviewer" className="size-4" /> Reviewer
        </label>
      </fieldset>
      <Button type="submit" disabled={busy}>
        Save roles
      </Button>
    </form>
  );
};

export const GrantForm = ({
  workers,
  projects,
  taskTypes,
}: {
  workers: { id: string; email: string }[];
  projects: { id: string; label: string }[];
  taskTypes: string[];
}) => {
  const router = useRouter();
  const [failure, setFailure] = useState<Failure>(null);
  const [done, setDone] = useState(false);
  const grant = useMutation(
    useTRPC().workforce.grant.mutationOptions({
      onSuccess: () => {
        setFailure(null);
        setDone(true);
        router.refresh();
      },
      onError: (caught) => {
        setDone(false);
        setFailure(describeError(caught));
      },
    }),
  );
  const busy = grant.isPending;
  return (
    <form
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const projectId = formText(form, "project_id");
        const taskType = formText(form, "task_type");
        grant.mutate({
          user_id: formText(form, "user_id"),
          role: formText(form, "role") === "review" ? "review" : "annotate",
          ...(projectId ? { project_id: projectId } : {}),
          ...(taskType ? { task_type: taskType } : {}),
        });
      }}
    >
      <FormAlert failure={failure} />
      {done ? <Alert tone="success">Access granted.</Alert> : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField label="Person" name="user_id" error={failure?.fields.user_id}>
          {workers.map((w) => (
            <option key={w.id} value={w.id}>
              {w.email}
            </option>
          ))}
        </SelectField>
        <SelectField label="As" name="role" defaultValue="annotate">
          <option value="annotate">Tasker (annotate)</option>
          <option value="review">Reviewer (review)</option>
        </SelectField>
        <SelectField
          label="Project"
          name="project_id"
          defaultValue=""
          hint="Choose a project or a task type."
          error={failure?.fields.project_id}
        >
          <option value="">—</option>
          {projects.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Or every task of type"
          name="task_type"
          defaultValue=""
          error={failure?.fields.task_type}
        >
          <option value="">—</option>
          {taskTypes.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </SelectField>
      </div>
      <Button type="submit" disabled={busy}>
        Grant access
      </Button>
    </form>
  );
};

/** Ends one grant; the reason is kept with it (the workspace shows nothing, the admin sees it here). */
export const RevokeGrant = ({ grantId, what }: { grantId: string; what: string }) => {
  const router = useRouter();
  const id = useId();
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const revoke = useMutation(
    useTRPC().workforce.revoke.mutationOptions({
      onSuccess: () => {
        setAsking(false);
        router.refresh();
      },
      onError: (caught) => {
        const described = describeError(caught);
        setError(described.fields.reason ?? described.message);
      },
    }),
  );
  if (!asking)
    return (
      <Button
        size="sm"
        variant="ghost"
        aria-label={`Revoke ${what}`}
        onClick={() => setAsking(true)}
      >
        Revoke
      </Button>
    );
  return (
    <form
      className="flex flex-wrap items-center gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        const reason = formText(new FormData(event.currentTarget), "reason").trim();
        revoke.mutate({ grant_id: grantId, reason });
      }}
    >
      <label htmlFor={id} className="sr-only">
        Reason for revoking {what}
      </label>
      <input
        id={id}
        name="reason"
        required
        maxLength={500}
        placeholder="Reason"
        aria-invalid={error ? true : undefined}
        className={`${inputClass} w-40 py-1`}
      />
      <Button type="submit" size="sm" variant="danger">
        Revoke
      </Button>
      <Button size="sm" variant="ghost" onClick={() => setAsking(false)}>
        Cancel
      </Button>
      {error ? (
        <span role="alert" className="text-xs font-medium text-red-700">
          {error}
        </span>
      ) : null}
    </form>
  );
};
