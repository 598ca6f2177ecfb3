"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { Alert, Button, TextAreaField } from "~/components/ui";
import { describeError, useTRPC } from "~/trpc/client";
import { FixPanel } from "./fix-panel";

type Mode = "idle" | "reject" | "fix";

/** Accept, reject (with a required comment) or fix a completed task, then reload the page's data. */
export const AuditActions = ({
  taskId,
  type,
  params,
  response,
}: {
  taskId: string;
  type: string;
  params: Record<string, unknown>;
  response: Record<string, unknown> | undefined;
}) => {
  const router = useRouter();
  const [mode, setMode] = useState<Mode>("idle");
  const [comment, setComment] = useState("");
  const [commentError, setCommentError] = useState<string | undefined>();
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const trpc = useTRPC();
  const auditTask = useMutation(trpc.tasks.audit.mutationOptions());

  const audit = async (accepted: boolean) => {
    setMessage(null);
    if (!accepted && comment.trim() === "") {
      setCommentError("Say why the task is rejected; the comment goes back with it for redo.");
      return;
    }
    setCommentError(undefined);
    setBusy(true);
    try {
      await auditTask.mutateAsync({
        task_id: taskId,
        accepted,
        ...(accepted ? {} : { comments: comment.trim() }),
      });
      setMode("idle");
      setComment("");
      router.refresh();
    } catch (error) {
      setMessage(describeError(error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">
        <Button disabled={busy} onClick={() => void audit(true)}>
          Accept
        </Button>
        <Button
          variant={mode === "reject" ? "danger" : "secondary"}
          aria-expanded={mode === "reject"}
          onClick={() => setMode(mode === "reject" ? "idle" : "reject")}
        >
          Reject…
        </Button>
        <Button
          variant="secondary"
          aria-expanded={mode === "fix"}
          onClick={() => setMode(mode === "fix" ? "idle" : "fix")}
        >
          Fix…
        </Button>
      </div>
      {message ? <Alert tone="error">{message}</Alert> : null}
      {mode === "reject" ? (
        <form
          aria-label="Reject the task"
          className="space-y-2"
          onSubmit={(event) => {
            event.preventDefault();
            void audit(false);
          }}
        >
          <TextAreaField
            label="Comment"
            hint="Required: what is wrong. The task goes back to the Taskers for redo."
            rows={3}
            aria-required="true"
            value={comment}
            error={commentError}
            onChange={(event) => setComment(event.target.value)}
          />
          <Button type="submit" variant="danger" disabled={busy}>
            Reject task
          </Button>
        </form>
      ) : null}
      {mode === "fix" ? (
        <FixPanel
          taskId={taskId}
          type={type}
          params={params}
          response={response}
          onDone={() => setMode("idle")}
        />
      ) : null}
    </div>
  );
};
