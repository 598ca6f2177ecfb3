"use client";

import type { BulkTaskResults, Task } from "@taskforge/schema";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { Alert, Button, inputClass } from "~/components/ui";
import { describeError, useTRPC } from "~/trpc/client";

/** One line of JSON per task: the public task objects, as the API returns them. */
const downloadJsonl = (tasks: readonly Task[]) => {
  const body = tasks.map((task) => JSON.stringify(task)).join("\n") + "\n";
  const url = URL.createObjectURL(new Blob([body], { type: "application/x-ndjson" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = `tasks-${new Date().toISOString().slice(0, 19).replace(/:/g, "")}.jsonl`;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked after the click has been handled; revoking at once can cancel the download.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
};

type Outcome = { tone: "success" | "warning" | "error"; message: string; details?: string[] };

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

const outcomeOf = (verb: string, result: BulkTaskResults): Outcome => {
  const failures = result.results.filter((r) => !r.ok);
  return {
    tone: failures.length ? "warning" : "success",
    message:
      `${verb} ${plural(result.succeeded, "task")}.` +
      (failures.length ? ` ${plural(failures.length, "task")} could not be changed:` : ""),
    details: failures.map((f) => `${f.task_id}: ${f.error?.message ?? "failed"}`),
  };
};

/**
 * What can be done to the selected tasks. Each action is one tRPC call over the ids; the server
 * applies the same rules as to a single task and reports per task what it could not do.
 */
export const BulkActions = ({
  selected,
  onDone,
}: {
  selected: readonly string[];
  onDone: () => void;
}) => {
  const trpc = useTRPC();
  const router = useRouter();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [tags, setTags] = useState("");
  const [tagging, setTagging] = useState(false);

  const fail = (error: unknown) =>
    setOutcome({ tone: "error", message: describeError(error).message });
  const changed = (outcome: Outcome) => {
    setOutcome(outcome);
    onDone();
    // Re-runs the page's server query, so statuses, tags and the total are fresh.
    router.refresh();
  };

  const cancel = useMutation(
    trpc.tasks.cancelMany.mutationOptions({
      onSuccess: (result) => changed(outcomeOf("Canceled", result)),
      onError: fail,
    }),
  );
  const addTags = useMutation(
    trpc.tasks.addTagsMany.mutationOptions({
      onSuccess: (result) => {
        setTags("");
        setTagging(false);
        changed(outcomeOf("Tagged", result));
      },
      onError: fail,
    }),
  );
  const exportTasks = useMutation(
    trpc.tasks.getMany.mutationOptions({
      onSuccess: (result) => {
        downloadJsonl(result.docs);
        setOutcome({ tone: "success", message: `Exported ${plural(result.docs.length, "task")}.` });
      },
      onError: fail,
    }),
  );
  const busy = cancel.isPending || addTags.isPending || exportTasks.isPending;
  const none = selected.length === 0;

  return (
    <div className="mb-3 space-y-2">
      <div
        role="toolbar"
        aria-label="Bulk actions"
        className="flex flex-wrap items-center gap-2 rounded-lg border border-slate-200 bg-slate-50 px-3 py-2"
      >
        <span className="text-sm text-slate-700" aria-live="polite">
          {none ? "Select tasks to act on them" : `${selected.length} selected`}
        </span>
        <Button
          size="sm"
          variant="secondary"
          disabled={none || busy}
          onClick={() => {
            if (window.confirm(`Cancel ${plural(selected.length, "task")}?`))
              cancel.mutate({ task_ids: [...selected] });
          }}
        >
          Cancel tasks
        </Button>
        <Button
          size="sm"
          variant="secondary"
          disabled={none || busy}
          aria-expanded={tagging}
          onClick={() => setTagging((open) => !open)}
        >
          Add tags
        </Button>
        <Button
          size="sm"
          variant="secondary"
          disabled={none || busy}
          onClick={() => exportTasks.mutate({ task_ids: [...selected] })}
        >
          Export JSONL
        </Button>
        {tagging ? (
          <form
            className="flex flex-wrap items-center gap-2"
            onSubmit={(event) => {
              event.preventDefault();
              const list = tags
                .split(",")
                .map((tag) => tag.trim())
                .filter(Boolean);
              if (list.length) addTags.mutate({ task_ids: [...selected], tags: list });
            }}
          >
            <input
              aria-label="Tags to add"
              placeholder="tag1, tag2"
              value={tags}
              onChange={(event) => setTags(event.target.value)}
              className={`${inputClass} w-48 py-1`}
            />
            <Button size="sm" type="submit" disabled={none || busy || !tags.trim()}>
              Add to selected
            </Button>
          </form>
        ) : null}
      </div>
      {outcome ? (
        <Alert tone={outcome.tone}>
          {outcome.message}
          {outcome.details?.length ? (
            <ul className="mt-1 list-disc pl-5 font-mono text-xs">
              {outcome.details.map((detail) => (
                <li key={detail}>{detail}</li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}
    </div>
  );
};
