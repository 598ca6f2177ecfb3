"use client";

import type { EditorValue } from "@taskforge/editors";
import { useMutation } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";

import { describeError, useTRPC } from "~/trpc/client";

import { removeLocalDraft, writeLocalDraft } from "./local-draft";

export type SaveStatus =
  | { state: "idle" }
  | { state: "saving" }
  | { state: "saved" }
  | { state: "offline" }
  | { state: "failed"; message: string };

/** Typing goes on for a while; the server gets the draft once the worker pauses this long. */
const DEBOUNCE_MS = 1000;
/** While the server is unreachable, how often saving is tried again (and on the `online` event). */
const RETRY_MS = 5000;

const isNetworkFailure = (error: unknown) => {
  const message = describeError(error).message;
  return /fetch|network|Failed to fetch|Load failed/i.test(message);
};

/**
 * Autosave of the draft: every change is first copied into this browser (so nothing is lost if
 * the connection drops or the browser dies), then sent to the server a second after the last one.
 * `unsyncedAtStart` asks to send the value it opened with (a local copy the server never got).
 */
export const useAutosave = (assignmentId: string, value: EditorValue, unsyncedAtStart: boolean) => {
  const [status, setStatus] = useState<SaveStatus>({ state: "idle" });
  const first = useRef(true);
  const latest = useRef<{ value: EditorValue; changedAt: number } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const closed = useRef(false);
  const { mutateAsync: saveDraft } = useMutation(useTRPC().work.saveDraft.mutationOptions());

  const send = useCallback(async () => {
    const pending = latest.current;
    if (!pending || closed.current) return;
    setStatus({ state: "saving" });
    try {
      await saveDraft({ assignment_id: assignmentId, draft: pending.value });
      if (closed.current) return;
      // Only the value that was sent is confirmed; a newer change waits for its own save.
      if (latest.current === pending) {
        writeLocalDraft(window.localStorage, assignmentId, { ...pending, synced: true });
        latest.current = null;
        setStatus({ state: "saved" });
      }
    } catch (error) {
      if (closed.current) return;
      setStatus(
        isNetworkFailure(error)
          ? { state: "offline" }
          : { state: "failed", message: describeError(error).message },
      );
    }
  }, [assignmentId, saveDraft]);

  const schedule = useCallback(
    (delay: number) => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void send(), delay);
    },
    [send],
  );

  useEffect(() => {
    if (first.current) {
      first.current = false;
      if (!unsyncedAtStart) return;
    }
    const change = { value, changedAt: Date.now() };
    latest.current = change;
    writeLocalDraft(window.localStorage, assignmentId, { ...change, synced: false });
    setStatus({ state: "saving" });
    schedule(DEBOUNCE_MS);
  }, [value, assignmentId, unsyncedAtStart, schedule]);

  // Offline: try again when the browser says the network is back, and every few seconds anyway.
  useEffect(() => {
    if (status.state !== "offline") return;
    const retry = () => void send();
    window.addEventListener("online", retry);
    const interval = setInterval(retry, RETRY_MS);
    return () => {
      window.removeEventListener("online", retry);
      clearInterval(interval);
    };
  }, [status.state, send]);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  /** The task is done (submitted, skipped, reported): nothing more to save, the copy goes. */
  const close = useCallback(() => {
    closed.current = true;
    if (timer.current) clearTimeout(timer.current);
    removeLocalDraft(window.localStorage, assignmentId);
  }, [assignmentId]);

  return { status, close };
};

export const SaveStatusText = ({ status }: { status: SaveStatus }) => {
  const text = {
    idle: "",
    saving: "Saving…",
    saved: "Saved",
    offline: "Offline: kept in this browser",
    failed: status.state === "failed" ? `Not saved: ${status.message}` : "",
  }[status.state];
  return (
    <p
      role="status"
      aria-label="Draft"
      className={`text-sm ${status.state === "offline" || status.state === "failed" ? "text-amber-800" : "text-slate-600"}`}
    >
      {text}
    </p>
  );
};
