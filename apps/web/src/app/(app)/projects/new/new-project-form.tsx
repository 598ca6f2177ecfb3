"use client";

import { useMutation } from "@tanstack/react-query";
import { TASK_TYPE_IDS, taskTypes } from "@taskforge/schema";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { Alert, Button, Card, SelectField, TextAreaField, TextField } from "~/components/ui";
import { unclaimedErrors } from "~/lib/params-form/form-state";
import { ParamsEditor, useParamsEditor } from "~/lib/params-form/params-editor";
import { describeError, useTRPC } from "~/trpc/client";
import type { FieldErrors } from "~/trpc/client";

const TOP_FIELDS = ["name", "type", "instruction", "studio"];

export const NewProjectForm = () => {
  const router = useRouter();
  const [type, setType] = useState<string>(TASK_TYPE_IDS[0] ?? "categorization");
  const [name, setName] = useState("");
  const [instruction, setInstruction] = useState("");
  const [studio, setStudio] = useState(false);
  const [fields, setFields] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const trpc = useTRPC();
  const createProject = useMutation(trpc.projects.create.mutationOptions());
  const editor = useParamsEditor(type);

  const submit = async () => {
    const built = editor.build();
    if (Object.keys(built.errors).length > 0) {
      setFields(built.errors);
      setMessage("Some params could not be read: see the marked fields.");
      return;
    }
    const params = { ...built.value, ...(instruction.trim() ? { instruction } : {}) };
    try {
      const project = await createProject.mutateAsync({
        name,
        type: type as (typeof TASK_TYPE_IDS)[number],
        ...(Object.keys(params).length > 0 ? { params } : {}),
        ...(studio ? { studio: true } : {}),
      });
      router.push(`/projects/${encodeURIComponent(project.name)}`);
      router.refresh();
    } catch (caught) {
      const described = describeError(caught);
      setFields(described.fields);
      setMessage(described.message);
    }
  };

  // Errors no field shows (e.g. a whole-params problem) are listed in the summary.
  const unclaimed = unclaimedErrors([...TOP_FIELDS, ...editor.shownNames], fields);

  return (
    <form
      className="max-w-3xl space-y-6"
      onSubmit={(event) => {
        event.preventDefault();
        setPending(true);
        setFields({});
        setMessage(null);
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
      <Card title="Project">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            required
            error={fields.name}
            hint="Unique in your organization; tasks and batches refer to it."
          />
          <SelectField
            label="Task type"
            value={type}
            onChange={(event) => {
              setType(event.target.value);
              setFields({});
            }}
            error={fields.type}
          >
            {TASK_TYPE_IDS.map((id) => (
              <option key={id} value={id}>
                {taskTypes[id].title} ({id})
              </option>
            ))}
          </SelectField>
        </div>
        <div className="mt-4 space-y-4">
          <TextAreaField
            label="Instruction (markdown)"
            rows={4}
            value={instruction}
            onChange={(event) => setInstruction(event.target.value)}
            error={fields.instruction}
            hint="Shown to Taskers on every task of the project that has no instruction of its own."
          />
          <div className="flex items-center gap-2">
            <input
              id="project-studio"
              type="checkbox"
              checked={studio}
              onChange={(event) => setStudio(event.target.checked)}
              className="size-4 rounded border-slate-400 focus:outline-2 focus:outline-brand-600/40"
            />
            <label htmlFor="project-studio" className="text-sm text-slate-800">
              Staging batches: new batches take tasks until you finalize them (Studio)
            </label>
          </div>
        </div>
      </Card>
      <Card title="Default params">
        <p className="mb-3 text-sm text-slate-600">
          Optional and partial: tasks supply what the project leaves out.
        </p>
        <ParamsEditor editor={editor} errors={fields} partial examples="preview" />
      </Card>
      <Button type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create project"}
      </Button>
    </form>
  );
};
