"use client";

import { ResponseEditor } from "@taskforge/editors";

import { Button } from "~/components/ui";

import { ProblemsList } from "./problems-list";
import type { useResponseForm } from "./use-response-form";

/**
 * The editor of a response form (see `useResponseForm`) with its problems and its send, undo and
 * redo buttons: the workspace's task and the practice page's training task.
 */
export const ResponseFormPanel = ({
  type,
  params,
  form,
  onSubmit,
  submitLabel,
  busyLabel,
  dataAttributes,
}: {
  type: string;
  params: Record<string, unknown>;
  form: Pick<ReturnType<typeof useResponseForm>, "history" | "issues" | "message" | "busy">;
  onSubmit: () => void;
  submitLabel: string;
  busyLabel: string;
  /** Identifies the task on the page (tests and styles find it by these). */
  dataAttributes: Record<`data-${string}`, string>;
}) => {
  const { history, issues, message, busy } = form;
  return (
    <>
      <section
        aria-label="Editor"
        {...dataAttributes}
        data-task-type={type}
        className="rounded-lg border border-slate-200 bg-white p-4"
      >
        <ResponseEditor
          type={type}
          params={params}
          value={history.value}
          onChange={history.change}
          issues={issues}
          onUndo={history.undo}
          onRedo={history.redo}
        />
      </section>
      <ProblemsList message={message} issues={issues} />
      <div className="flex flex-wrap items-center gap-2">
        <Button onClick={onSubmit} disabled={busy}>
          {busy ? busyLabel : submitLabel}
        </Button>
        <Button variant="ghost" onClick={history.undo} disabled={!history.canUndo}>
          Undo
        </Button>
        <Button variant="ghost" onClick={history.redo} disabled={!history.canRedo}>
          Redo
        </Button>
      </div>
    </>
  );
};
