"use client";

import { initialValueOf, shortcutsOf } from "@taskforge/editors";
import type { WorkItem } from "@taskforge/api";
import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";

import { useTRPC } from "~/trpc/client";

import { InstructionPanel } from "../_components/instruction-panel";
import { readLocalDraft, startingValue } from "../_components/local-draft";
import { ResponseFormPanel } from "../_components/response-form-panel";
import { TaskToolbar } from "../_components/task-toolbar";
import { SaveStatusText, useAutosave } from "../_components/use-autosave";
import { useResponseForm } from "../_components/use-response-form";

const PAGE_SHORTCUTS = [
  { keys: "Ctrl+Enter", action: "Submit" },
  { keys: "?", action: "Show this help" },
];

/**
 * One claimed task: the instruction beside the type's editor. The draft autosaves (in this browser
 * at once, on the server a second later) and a reopened task starts from the newer copy.
 */
export const OpenTask = ({
  item,
  onDone,
  onStopped,
}: {
  item: WorkItem;
  onDone: () => void;
  onStopped: () => void;
}) => {
  const [start] = useState(() =>
    startingValue(
      typeof window === "undefined"
        ? null
        : readLocalDraft(window.localStorage, item.assignment_id),
      { draft: item.draft, savedAt: item.draft_saved_at },
      () => initialValueOf(item.type, item.params),
    ),
  );
  const form = useResponseForm({
    type: item.type,
    params: item.params,
    initial: () => start.value,
    invalidMessage: "The response has problems; fix them and submit again.",
  });
  const { history } = form;
  const autosave = useAutosave(item.assignment_id, history.value, start.unsynced);
  const { mutateAsync: submitWork } = useMutation(useTRPC().work.submit.mutationOptions());

  const submit = async () => {
    const sent = await form.submit((response) =>
      submitWork({ assignment_id: item.assignment_id, response }),
    );
    if (!sent) return;
    autosave.close();
    onDone();
  };

  // Ctrl+Enter submits from anywhere on the page, text fields included.
  const submitRef = useRef(submit);
  useEffect(() => {
    submitRef.current = submit;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) return;
      event.preventDefault();
      void submitRef.current();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <div className="space-y-4">
      <TaskToolbar
        item={item}
        shortcuts={[...shortcutsOf(item.type), ...PAGE_SHORTCUTS]}
        status={<SaveStatusText status={autosave.status} />}
        onGone={() => {
          autosave.close();
          onDone();
        }}
        onStopped={() => {
          autosave.close();
          onStopped();
        }}
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,2fr)]">
        <InstructionPanel markdown={item.instruction} />
        <div className="min-w-0 space-y-4">
          <ResponseFormPanel
            type={item.type}
            params={item.params}
            form={form}
            onSubmit={() => void submit()}
            submitLabel="Submit"
            busyLabel="Submitting…"
            dataAttributes={{ "data-task-id": item.task_id }}
          />
        </div>
      </div>
    </div>
  );
};
