"use client";

import { relativeToResponse, useHistory } from "@taskforge/editors";
import type { EditorValue } from "@taskforge/editors";
import type { ResponseIssue } from "@taskforge/schema";
import { validateResponse } from "@taskforge/schema";
import { useState } from "react";

import { describeError } from "~/trpc/client";

import { serverIssuesOf } from "./issues";

export type Response = Record<string, unknown>;

/**
 * The response being written in a type's editor, as the workspace, the review desk and the
 * customer's fix panel share it: the draft with undo and redo, the problems shown on the editor
 * (the browser's own checks, then the server's), the message above them, and whether a call is
 * on its way.
 */
export const useResponseForm = ({
  type,
  params,
  initial,
  invalidMessage,
}: {
  type: string;
  params: Record<string, unknown>;
  /** The value the editor opens with. */
  initial: () => EditorValue;
  /** What is said when the browser's checks find problems in the response. */
  invalidMessage: string;
}) => {
  const history = useHistory(initial);
  const [issues, setIssues] = useState<ResponseIssue[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const clear = () => {
    setIssues([]);
    setMessage(null);
  };

  /**
   * Makes a call for this task (the response, or a decision about it) and resolves whether it
   * went through; a refusal is shown, its field problems on the editor.
   */
  const send = async (call: () => Promise<unknown>): Promise<boolean> => {
    clear();
    setBusy(true);
    try {
      await call();
      return true;
    } catch (error) {
      setIssues(serverIssuesOf(error));
      setMessage(describeError(error).message);
      return false;
    } finally {
      setBusy(false);
    }
  };

  /**
   * Checks the response with the task-type registry (the server's own checks, run in the browser
   * first) and sends it only if they pass.
   */
  const submit = async (call: (response: Response) => Promise<unknown>): Promise<boolean> => {
    const checked = validateResponse(type, params, history.value);
    if (!checked.success) {
      setIssues(relativeToResponse(checked.issues));
      setMessage(invalidMessage);
      return false;
    }
    return send(() => call(checked.data as Response));
  };

  return { history, issues, message, busy, clear, send, submit };
};
