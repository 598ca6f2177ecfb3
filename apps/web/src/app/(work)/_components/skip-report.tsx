"use client";

import type { RouterInputs } from "@taskforge/api";
import { useState } from "react";

import { Alert, Button, SelectField, TextAreaField } from "~/components/ui";
import { describeError, trpc } from "~/trpc/client";

import { Dialog } from "./dialog";

type ProblemReason = RouterInputs["work"]["report"]["reason"];

/** How each problem reason reads to a worker (the keys are the API's reasons). */
const PROBLEM_LABELS: Record<ProblemReason, string> = {
  attachment_unloadable: "The attachment does not load",
  cannot_be_done_as_instructed: "The task cannot be done as instructed",
  other: "Something else",
};

type Target = { assignmentId: string; kind: "annotate" | "review" };

/** Skip: the task goes back to the queue for someone else, with the worker's reason. */
export const SkipDialog = ({
  open,
  target,
  onClose,
  onDone,
}: {
  open: boolean;
  target: Target;
  onClose: () => void;
  onDone: () => void;
}) => {
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Dialog open={open} title="Skip this task" onClose={onClose}>
      <form
        className="space-y-3"
        onSubmit={(event) => {
          event.preventDefault();
          setBusy(true);
          trpc.work.skip
            .mutate({
              assignment_id: target.assignmentId,
              kind: target.kind,
              ...(reason.trim() ? { reason: reason.trim() } : {}),
            })
            .then(onDone)
            .catch((caught: unknown) => setError(describeError(caught).message))
            .finally(() => setBusy(false));
        }}
      >
        {error ? <Alert tone="error">{error}</Alert> : null}
        <TextAreaField
          label="Why are you skipping it?"
          hint="Someone else gets the task; your reason helps the customer improve it."
          rows={3}
          maxLength={1000}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={busy}>
            Skip task
          </Button>
        </div>
      </form>
    </Dialog>
  );
};

/** Report a problem: enough reports (or one from a reviewer) end the task in error. */
export const ReportDialog = ({
  open,
  target,
  onClose,
  onDone,
}: {
  open: boolean;
  target: Target;
  onClose: () => void;
  onDone: () => void;
}) => {
  const [reason, setReason] = useState<ProblemReason>("attachment_unloadable");
  const [details, setDetails] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Dialog open={open} title="Report a problem" onClose={onClose}>
      <form
        className="space-y-3"
        onSubmit={(event) => {
          event.preventDefault();
          setBusy(true);
          trpc.work.report
            .mutate({
              assignment_id: target.assignmentId,
              kind: target.kind,
              reason,
              ...(details.trim() ? { details: details.trim() } : {}),
            })
            .then(onDone)
            .catch((caught: unknown) => setError(describeError(caught).message))
            .finally(() => setBusy(false));
        }}
      >
        {error ? <Alert tone="error">{error}</Alert> : null}
        <SelectField
          label="What is wrong?"
          value={reason}
          onChange={(event) => setReason(event.target.value as ProblemReason)}
        >
          {Object.entries(PROBLEM_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
        <TextAreaField
          label="Details (optional)"
          rows={3}
          maxLength={2000}
          value={details}
          onChange={(event) => setDetails(event.target.value)}
        />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" disabled={busy}>
            Report problem
          </Button>
        </div>
      </form>
    </Dialog>
  );
};
