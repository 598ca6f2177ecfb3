"use client";

import { JsonEditor, relativeToResponse, ResponseEditor, useHistory } from "@taskforge/editors";
import type { ResponseIssue } from "@taskforge/schema";
import { validateResponse } from "@taskforge/schema";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { Button, TextAreaField } from "~/components/ui";
import { describeError, trpc } from "~/trpc/client";

import { serverIssuesOf } from "../../../(work)/_components/issues";
import { ProblemsList } from "../../../(work)/_components/problems-list";

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
  const history = useHistory(() => response ?? {});
  const [comment, setComment] = useState("");
  const [issues, setIssues] = useState<ResponseIssue[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Customers fixing a response in bulk terms (a pasted corrected JSON) skip the visual editor.
  const [asJson, setAsJson] = useState(false);

  const submit = async () => {
    setMessage(null);
    // The registry runs in the browser too: the same checks the server makes, before sending.
    const checked = validateResponse(type, params, history.value);
    if (!checked.success) {
      setIssues(relativeToResponse(checked.issues));
      setMessage("The response has problems:");
      return;
    }
    setIssues([]);
    setBusy(true);
    try {
      await trpc.tasks.fix.mutate({
        task_id: taskId,
        response: checked.data as Record<string, unknown>,
        ...(comment.trim() ? { comments: comment.trim() } : {}),
      });
      onDone();
      router.refresh();
    } catch (error) {
      setIssues(serverIssuesOf(error));
      setMessage(describeError(error).message);
    } finally {
      setBusy(false);
    }
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
