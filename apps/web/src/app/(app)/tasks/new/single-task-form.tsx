"use client";

import Link from "next/link";
import type { RouterInputs } from "@taskforge/api";
import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";

import { Alert, Button, Card, SelectField, TextAreaField, TextField } from "~/components/ui";
import { unclaimedErrors } from "~/lib/params-form/form-state";
import { ParamsEditor, useParamsEditor } from "~/lib/params-form/params-editor";
import { describeError, useTRPC, useTRPCClient } from "~/trpc/client";
import type { FieldErrors } from "~/trpc/client";

type CreateInput = RouterInputs["tasks"]["create"];

const COMMON_FIELDS = [
  "instruction",
  "callback_url",
  "project",
  "batch",
  "unique_id",
  "tags",
  "metadata",
];

/** One task through a form generated from the type's params schema, plus the common options. */
export const SingleTaskForm = ({
  type,
  projects,
  batch: initialBatch,
}: {
  type: string;
  projects: { name: string; type: string }[];
  batch: string;
}) => {
  const editor = useParamsEditor(type);
  const [common, setCommon] = useState({
    instruction: "",
    callback_url: "",
    project: "",
    batch: initialBatch,
    unique_id: "",
    tags: "",
    metadata: "",
  });
  const [fields, setFields] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // One key per task meant: a second click, or a retry after a lost answer, gets the same task
  // back instead of a duplicate. A new key is drawn once a task is created.
  const idempotencyKey = useRef<string>(crypto.randomUUID());
  const trpc = useTRPC();
  const client = useTRPCClient();
  const create = useMutation({
    mutationKey: trpc.tasks.create.mutationKey(),
    mutationFn: ({ input, key }: { input: CreateInput; key: string }) =>
      client.tasks.create.mutate(input, { context: { idempotencyKey: key } }),
  });
  const createdNotice = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (created) createdNotice.current?.scrollIntoView({ block: "nearest" });
  }, [created]);
  const set = (key: keyof typeof common) => (event: { target: { value: string } }) =>
    setCommon((current) => ({ ...current, [key]: event.target.value }));

  const submit = async () => {
    const built = editor.build();
    const local: FieldErrors = { ...built.errors };
    let metadata: unknown;
    if (common.metadata.trim() !== "") {
      try {
        metadata = JSON.parse(common.metadata) as unknown;
      } catch (error) {
        local.metadata = `must be valid JSON (${(error as Error).message})`;
      }
    }
    if (Object.keys(local).length > 0) {
      setFields(local);
      setMessage("Some fields could not be read: see the marked fields.");
      return;
    }
    const tags = common.tags
      .split(",")
      .map((tag) => tag.trim())
      .filter((tag) => tag !== "");
    const input = {
      type,
      params: built.value,
      ...(common.instruction.trim() ? { instruction: common.instruction } : {}),
      ...(common.callback_url.trim() ? { callback_url: common.callback_url.trim() } : {}),
      ...(common.project ? { project: common.project } : {}),
      ...(common.batch.trim() ? { batch: common.batch.trim() } : {}),
      ...(common.unique_id.trim() ? { unique_id: common.unique_id.trim() } : {}),
      ...(tags.length > 0 ? { tags } : {}),
      ...(metadata !== undefined ? { metadata } : {}),
    } as CreateInput;
    try {
      const task = await create.mutateAsync({ input, key: idempotencyKey.current });
      idempotencyKey.current = crypto.randomUUID();
      setCreated(task.task_id);
    } catch (caught) {
      const described = describeError(caught);
      setFields(described.fields);
      setMessage(described.message);
    }
  };

  const unclaimed = unclaimedErrors([...COMMON_FIELDS, ...editor.shownNames], fields);
  const fromProject = Boolean(common.project || common.batch.trim());
  return (
    <form
      className="space-y-6"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (pending) return;
        setPending(true);
        setFields({});
        setMessage(null);
        setCreated(null);
        void submit().finally(() => setPending(false));
      }}
    >
      {message ? (
        <Alert tone="error">
          {message}
          {unclaimed.length > 0 ? (
            <ul className="mt-1 list-disc pl-5">
              {unclaimed.map(([path, text]) => (
                <li key={path}>{path ? `${path}: ${text}` : text}</li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}
      <Card title="Params">
        {fromProject ? (
          <p className="mb-3 text-sm text-slate-600">
            Params left empty are taken from the project&apos;s latest version.
          </p>
        ) : null}
        <ParamsEditor editor={editor} errors={fields} partial={fromProject} />
      </Card>
      <Card title="Task options">
        <div className="space-y-4">
          <TextAreaField
            label="Instruction (markdown)"
            rows={4}
            value={common.instruction}
            onChange={set("instruction")}
            error={fields.instruction}
          />
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              label="Callback URL"
              inputMode="url"
              value={common.callback_url}
              onChange={set("callback_url")}
              error={fields.callback_url}
            />
            <SelectField
              label="Project"
              value={common.project}
              onChange={set("project")}
              error={fields.project}
            >
              <option value="">(none)</option>
              {projects
                .filter((project) => project.type === type)
                .map((project) => (
                  <option key={project.name} value={project.name}>
                    {project.name}
                  </option>
                ))}
            </SelectField>
            <TextField
              label="Batch"
              value={common.batch}
              onChange={set("batch")}
              error={fields.batch}
              hint="Optional: the batch's project applies."
            />
            <TextField
              label="Unique id"
              value={common.unique_id}
              onChange={set("unique_id")}
              error={fields.unique_id}
              hint="Optional: refuses a second task with the same id."
            />
            <TextField
              label="Tags"
              value={common.tags}
              onChange={set("tags")}
              error={fields.tags}
              hint="Comma-separated, at most 5."
            />
          </div>
          <TextAreaField
            label="Metadata (JSON object)"
            rows={3}
            value={common.metadata}
            onChange={set("metadata")}
            error={fields.metadata}
          />
        </div>
      </Card>
      <div className="space-y-3">
        {created ? (
          <div ref={createdNotice}>
            <Alert tone="success">
              Task created: <Link href={`/tasks/${created}`}>{created}</Link>
            </Alert>
          </div>
        ) : null}
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {pending ? "Creating…" : "Create task"}
        </Button>
      </div>
    </form>
  );
};
