"use client";

import { formatIssuePath, validateResponse } from "@taskforge/schema";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ComponentType } from "react";

import { Alert, Button, TextAreaField } from "~/components/ui";
import { describeError, trpc } from "~/trpc/client";

/**
 * What a response editor gets: the task, the current draft and a way to change it. `problem` is
 * a reason the draft is not a response at all (unparseable JSON), reported before any schema
 * check. The JSON editor below is the fallback; a type's visual editor (from the workspace)
 * takes the same props and replaces it.
 */
export type ResponseEditorProps = {
  type: string;
  params: Record<string, unknown>;
  value: unknown;
  onChange: (value: unknown, problem?: string) => void;
};
export type ResponseEditor = ComponentType<ResponseEditorProps>;

/** Type-specific editors, by task type; types without one are edited as JSON. */
const EDITORS: Partial<Record<string, ResponseEditor>> = {};

const JsonResponseEditor = ({ value, onChange }: ResponseEditorProps) => {
  const [text, setText] = useState(() => JSON.stringify(value ?? {}, null, 2));
  return (
    <TextAreaField
      label="Response (JSON)"
      hint="The corrected response; it is checked against the task type's schema and params."
      rows={14}
      spellCheck={false}
      value={text}
      onChange={(event) => {
        const next = event.target.value;
        setText(next);
        try {
          onChange(JSON.parse(next) as unknown);
        } catch (error) {
          onChange(undefined, `is not valid JSON: ${(error as Error).message}`);
        }
      }}
    />
  );
};

type Problem = { path: string; message: string };

/** Edit a completed task's response and save it as a customer fix (`tasks.fix`). */
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
  const Editor = EDITORS[type] ?? JsonResponseEditor;
  const [draft, setDraft] = useState<{ value: unknown; problem?: string | undefined }>({
    value: response ?? {},
  });
  const [comment, setComment] = useState("");
  const [problems, setProblems] = useState<Problem[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setMessage(null);
    if (draft.problem !== undefined) {
      setProblems([{ path: "response", message: draft.problem }]);
      return;
    }
    // The registry runs in the browser too: the same checks the server makes, before sending.
    const checked = validateResponse(type, params, draft.value);
    if (!checked.success) {
      setProblems(
        checked.issues.map((issue) => ({
          path: formatIssuePath(issue.path),
          message: issue.message,
        })),
      );
      return;
    }
    setProblems([]);
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
      const described = describeError(error);
      setMessage(described.message);
      setProblems(
        Object.entries(described.fields).map(([path, text]) => ({ path, message: text })),
      );
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
      <Editor
        type={type}
        params={params}
        value={draft.value}
        onChange={(value, problem) => setDraft({ value, problem })}
      />
      <TextAreaField
        label="Fix comment (optional)"
        rows={2}
        value={comment}
        onChange={(event) => setComment(event.target.value)}
      />
      {message ? <Alert tone="error">{message}</Alert> : null}
      {problems.length > 0 ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm">
          <p className="font-medium text-red-800">The response has problems:</p>
          <ul className="mt-1 list-disc pl-5 text-red-800" aria-label="Response problems">
            {problems.map((problem, index) => (
              <li key={index}>
                <code>{problem.path}</code>: {problem.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="flex gap-2">
        <Button type="submit" disabled={busy}>
          {busy ? "Saving…" : "Save fix"}
        </Button>
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
};
