"use client";

import { JsonEditor, ResponseEditor } from "@taskforge/editors";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { Button, TextAreaField } from "~/components/ui";
import { useTRPC } from "~/trpc/client";

import { ProblemsList } from "../../../(work)/_components/problems-list";
import { useResponseForm } from "../../../(work)/_components/use-response-form";

/**
 * Edit a completed task's response in its type's editor (the one Taskers use, with undo and redo)
 * and save it as a customer fix (`tasks.fix`).
 */
export const FixPanel = ({
  taskId,
  type,
  params,
  response,
  onDone,
}: {
  taskId: string;
  type: string;
  params: Record<string, unknown>;
  response: Record<string, unknown> | undefined;
  onDone: () => void;
}) => {
  const router = useRouter();
  const form = useResponseForm({
    type,
    params,
    initial: () => response ?? {},
    invalidMessage: "The response has problems:",
  });
  const { history, issues, message, busy } = form;
  const [comment, setComment] = useState("");
  const { mutateAsync: fix } = useMutation(useTRPC().tasks.fix.mutationOptions());
  // Customers fixing a response in bulk terms (a pasted corrected JSON) skip the visual editor.
  const [asJson, setAsJson] = useState(false);

  const submit = async () => {
    const sent = await form.submit((fixed) =>
      fix({
        task_id: taskId,
        response: fixed,
        ...(comment.trim() ? { comments: comment.trim() } : {}),
      }),
    );
    if (!sent) return;
    onDone();
    router.refresh();
  };

  return (
    <form
      className="space-y-3"
      aria-label="Fix the response"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input
          type="checkbox"
          checked={asJson}
          onChange={(event) => setAsJson(event.target.checked)}
        />
        Edit as JSON
      </label>
      {asJson ? (
        <JsonEditor
          params={params as never}
          value={history.value}
          onChange={history.change}
          issues={issues}
        />
      ) : (
        <ResponseEditor
          type={type}
          params={params}
          value={history.value}
          onChange={history.change}
          issues={issues}
          onUndo={history.undo}
          onRedo={history.redo}
        />
      )}
      <TextAreaField
        label="Fix comment (optional)"
        rows={2}
        value={comment}
        onChange={(event) => setComment(event.target.value)}
      />
      <ProblemsList message={message} issues={issues} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={busy}>
          {busy ? "Saving…" : "Save fix"}
        </Button>
        <Button variant="ghost" onClick={history.undo} disabled={!history.canUndo}>
          Undo
        </Button>
        <Button variant="ghost" onClick={history.redo} disabled={!history.canRedo}>
          Redo
        </Button>
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
};
