"use client";

import { ResponseEditor, shortcutsOf, TaskRenderer } from "@taskforge/editors";
import type { WorkItem } from "@taskforge/api";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";

import { Badge, Button, TextAreaField } from "~/components/ui";
import { useTRPC } from "~/trpc/client";

import { InstructionPanel } from "../_components/instruction-panel";
import { Dialog } from "../_components/dialog";
import { ProblemsList } from "../_components/problems-list";
import { TaskToolbar } from "../_components/task-toolbar";
import { useResponseForm } from "../_components/use-response-form";

const percent = (agreement: number) => `${Math.round(agreement * 100)}%`;

/** For a consensus task: each annotator's response drawn side by side, with their agreement. */
const Annotations = ({ item }: { item: WorkItem }) => (
  <section aria-label="Annotators' responses" className="space-y-3">
    <div className="flex flex-wrap items-center gap-3">
      <h2 className="text-base font-semibold text-slate-900">Annotators&apos; responses</h2>
      {item.agreement !== null ? (
        <Badge tone={item.agreement >= 0.8 ? "green" : "amber"}>
          Agreement {percent(item.agreement)}
        </Badge>
      ) : null}
    </div>
    <div className="grid gap-4 md:grid-cols-2">
      {item.annotations.map((annotation) => (
        <article
          key={annotation.annotator}
          aria-label={annotation.annotator}
          className="min-w-0 rounded-lg border border-slate-200 bg-white p-3"
        >
          <h3 className="mb-2 text-sm font-semibold text-slate-800">{annotation.annotator}</h3>
          <TaskRenderer type={item.type} params={item.params} response={annotation.response} />
        </article>
      ))}
    </div>
  </section>
);

/**
 * One task in review: the response on the attachment, read-only until "Fix" makes it editable in
 * the same editor; accept, fix or reject (with a comment) decide it.
 */
export const ReviewTask = ({
  item,
  onDone,
  onStopped,
}: {
  item: WorkItem;
  onDone: () => void;
  onStopped: () => void;
}) => {
  const form = useResponseForm({
    type: item.type,
    params: item.params,
    initial: () => item.response ?? {},
    invalidMessage: "The fixed response has problems; correct them and submit again.",
  });
  const { history, issues, message, busy } = form;
  const [fixing, setFixing] = useState(false);
  const [comment, setComment] = useState("");
  const [rejecting, setRejecting] = useState(false);
  const [rejectComment, setRejectComment] = useState("");
  const { mutateAsync: review } = useMutation(useTRPC().work.review.mutationOptions());

  type Decision =
    | { action: "accept" }
    | { action: "fix"; response: Record<string, unknown> }
    | { action: "reject"; comments: string };
  const sendDecision = (input: Decision) => {
    const comments = input.action === "reject" ? input.comments : comment.trim();
    return review({
      ...input,
      assignment_id: item.assignment_id,
      ...(comments ? { comments } : {}),
    });
  };
  const decide = async (input: Decision) => {
    if (await form.send(() => sendDecision(input))) onDone();
  };
  const submitFix = async () => {
    if (await form.submit((response) => sendDecision({ action: "fix", response }))) onDone();
  };

  return (
    <div className="space-y-6">
      <TaskToolbar
        item={item}
        shortcuts={[...shortcutsOf(item.type), { keys: "?", action: "Show this help" }]}
        onGone={onDone}
        onStopped={onStopped}
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,2fr)]">
        <InstructionPanel markdown={item.instruction} />
        <div className="min-w-0 space-y-4">
          <section
            aria-label="Editor"
            data-task-id={item.task_id}
            data-task-type={item.type}
            data-mode={fixing ? "fix" : "review"}
            className="rounded-lg border border-slate-200 bg-white p-4"
          >
            <h2 className="mb-3 text-base font-semibold text-slate-900">
              {fixing ? "Fix the response" : "Response to review"}
            </h2>
            <ResponseEditor
              key={fixing ? "fix" : "review"}
              type={item.type}
              params={item.params}
              value={history.value}
              onChange={history.change}
              issues={issues}
              readOnly={!fixing}
              onUndo={history.undo}
              onRedo={history.redo}
            />
          </section>
          <ProblemsList message={message} issues={issues} />
          <TextAreaField
            label="Comment (optional)"
            rows={2}
            maxLength={10_000}
            value={comment}
            onChange={(event) => setComment(event.target.value)}
          />
          <div className="flex flex-wrap gap-2">
            {fixing ? (
              <>
                <Button onClick={() => void submitFix()} disabled={busy}>
                  Submit fix
                </Button>
                <Button
                  variant="secondary"
                  onClick={() => {
                    history.reset(item.response ?? {});
                    form.clear();
                    setFixing(false);
                  }}
                >
                  Cancel fix
                </Button>
              </>
            ) : (
              <>
                <Button onClick={() => void decide({ action: "accept" })} disabled={busy}>
                  Accept
                </Button>
                <Button variant="secondary" onClick={() => setFixing(true)} disabled={busy}>
                  Fix
                </Button>
                <Button variant="danger" onClick={() => setRejecting(true)} disabled={busy}>
                  Reject
                </Button>
              </>
            )}
          </div>
        </div>
      </div>
      {item.annotations.length > 1 ? <Annotations item={item} /> : null}
      <Dialog open={rejecting} title="Reject this response" onClose={() => setRejecting(false)}>
        <form
          className="space-y-3"
          onSubmit={(event) => {
            event.preventDefault();
            setRejecting(false);
            void decide({ action: "reject", comments: rejectComment.trim() });
          }}
        >
          <p className="text-sm text-slate-700">
            The task goes back to the Taskers to be done again. Say what was wrong.
          </p>
          <TextAreaField
            label="Why is it rejected?"
            rows={3}
            required
            maxLength={10_000}
            value={rejectComment}
            onChange={(event) => setRejectComment(event.target.value)}
          />
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setRejecting(false)}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" disabled={!rejectComment.trim()}>
              Reject
            </Button>
          </div>
        </form>
      </Dialog>
    </div>
  );
};
