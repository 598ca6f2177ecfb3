"use client";

import { useMutation } from "@tanstack/react-query";
import type { ProjectParamVersion } from "@taskforge/schema";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { Alert, Button, TextAreaField } from "~/components/ui";
import { unclaimedErrors } from "~/lib/params-form/form-state";
import { ParamsEditor, useParamsEditor } from "~/lib/params-form/params-editor";
import { describeError, useTRPC } from "~/trpc/client";
import type { FieldErrors } from "~/trpc/client";

import { versionContent } from "./version-diff";

/** Saves a new params version (replacing the latest, not merging), then shows it in the list. */
export const EditParamsForm = ({
  project,
  type,
  latest,
}: {
  project: string;
  type: string;
  latest: ProjectParamVersion | null;
}) => {
  const router = useRouter();
  const { instruction: latestInstruction, ...latestParams } = latest ? versionContent(latest) : {};
  const editor = useParamsEditor(type, latestParams);
  const [instruction, setInstruction] = useState(
    typeof latestInstruction === "string" ? latestInstruction : "",
  );
  const [fields, setFields] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [pending, setPending] = useState(false);
  const trpc = useTRPC();
  const setParams = useMutation(trpc.projects.setParams.mutationOptions());

  const save = async () => {
    const built = editor.build();
    if (Object.keys(built.errors).length > 0) {
      setFields(built.errors);
      setMessage({ tone: "error", text: "Some params could not be read: see the marked fields." });
      return;
    }
    try {
      const saved = await setParams.mutateAsync({
        name: project,
        params: built.value,
        ...(instruction.trim() ? { instruction } : {}),
      });
      const version = saved.param_history.at(-1)?.version ?? 0;
      setMessage({ tone: "success", text: `Saved as version ${version}.` });
      router.refresh();
    } catch (caught) {
      const described = describeError(caught);
      setFields(described.fields);
      setMessage({ tone: "error", text: described.message });
    }
  };

  const unclaimed = unclaimedErrors(["instruction", ...editor.shownNames], fields);
  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        setPending(true);
        setFields({});
        setMessage(null);
        void save().finally(() => setPending(false));
      }}
    >
      {message ? (
        <Alert tone={message.tone}>
          {message.text}
          {message.tone === "error" && unclaimed.length > 0 ? (
            <ul className="mt-1 list-disc pl-5">
              {unclaimed.map(([path, text]) => (
                <li key={path}>{path ? `${path}: ${text}` : text}</li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}
      <TextAreaField
        label="Instruction (markdown)"
        rows={3}
        value={instruction}
        onChange={(event) => setInstruction(event.target.value)}
        error={fields.instruction}
      />
      <ParamsEditor editor={editor} errors={fields} partial examples="preview" />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save as new version"}
      </Button>
    </form>
  );
};
