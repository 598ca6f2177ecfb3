"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { Alert, Button, Card, SelectField, TextField } from "~/components/ui";
import { formText } from "~/lib/form";
import { describeError, useTRPC } from "~/trpc/client";
import type { FieldErrors } from "~/trpc/client";

export const NewBatchForm = ({ projects, project }: { projects: string[]; project: string }) => {
  const router = useRouter();
  const [fields, setFields] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const trpc = useTRPC();
  const createBatch = useMutation(trpc.batches.create.mutationOptions());
  if (projects.length === 0) {
    return (
      <Alert tone="info">
        A batch belongs to a project: <Link href="/projects/new">create a project</Link> first.
      </Alert>
    );
  }
  return (
    <Card className="max-w-xl">
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          const callback = formText(form, "callback").trim();
          setPending(true);
          setFields({});
          setMessage(null);
          createBatch
            .mutateAsync({
              name: formText(form, "name"),
              project: formText(form, "project"),
              ...(callback ? { callback } : {}),
            })
            .then((batch) => {
              router.push(`/batches/${encodeURIComponent(batch.name)}`);
              router.refresh();
            })
            .catch((caught: unknown) => {
              const described = describeError(caught);
              setFields(described.fields);
              setMessage(described.message);
            })
            .finally(() => setPending(false));
        }}
      >
        {message && Object.keys(fields).length === 0 ? <Alert tone="error">{message}</Alert> : null}
        <TextField label="Name" name="name" required error={fields.name} />
        <SelectField label="Project" name="project" defaultValue={project} error={fields.project}>
          {projects.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Callback URL"
          name="callback"
          inputMode="url"
          placeholder="https://example.com/batch-done"
          hint="Optional: POSTed to when every task of the batch has ended."
          error={fields.callback}
        />
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create batch"}
        </Button>
      </form>
    </Card>
  );
};
