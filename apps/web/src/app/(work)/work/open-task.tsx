"use client";

import { initialValueOf, relativeToResponse, ResponseEditor, useHistory } from "@taskforge/editors";
import type { ResponseIssue } from "@taskforge/schema";
import { validateResponse } from "@taskforge/schema";
import type { WorkItem } from "@taskforge/api";
import { useState } from "react";

import { Button } from "~/components/ui";
import { describeError, trpc } from "~/trpc/client";

import { Instruction } from "../../(app)/tasks/[taskId]/instruction";
import { serverIssuesOf } from "../_components/issues";
import { ProblemsList } from "../_components/problems-list";

/** One claimed task: the instruction beside the type's editor, and Submit. */
export const OpenTask = ({ item, onSubmitted }: { item: WorkItem; onSubmitted: () => void }) => {
  const history = useHistory(() => item.draft ?? initialValueOf(item.type, item.params));
  const [issues, setIssues] = useState<ResponseIssue[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    // The registry runs in the browser too: the server's own checks, before anything is sent.
    const checked = validateResponse(item.type, item.params, history.value);
    if (!checked.success) {
      setIssues(relativeToResponse(checked.issues));
      setMessage("The response has problems; fix them and submit again.");
      return;
    }
    setBusy(true);
    try {
      await trpc.work.submit.mutate({
        assignment_id: item.assignment_id,
        response: checked.data as Record<string, unknown>,
      });
      onSubmitted();
    } catch (error) {
      setIssues(serverIssuesOf(error));
      setMessage(describeError(error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,2fr)]">
      <aside aria-label="Instruction" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-600">
          Instruction
        </h2>
        <Instruction markdown={item.instruction} />
      </aside>
      <div className="min-w-0 space-y-4">
        <section
          aria-label="Editor"
          data-task-id={item.task_id}
          data-task-type={item.type}
          className="rounded-lg border border-slate-200 bg-white p-4"
        >
          <ResponseEditor
            type={item.type}
            params={item.params}
            value={history.value}
            onChange={history.change}
            issues={issues}
            onUndo={history.undo}
            onRedo={history.redo}
          />
        </section>
        <ProblemsList message={message} issues={issues} />
        <div className="flex flex-wrap items-center gap-2">
          <Button onClick={() => void submit()} disabled={busy}>
            {busy ? "Submitting…" : "Submit"}
          </Button>
        </div>
      </div>
    </div>
  );
};
