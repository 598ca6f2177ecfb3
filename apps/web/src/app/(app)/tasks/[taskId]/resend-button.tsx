"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

import { Button } from "~/components/ui";
import { describeError, trpc } from "~/trpc/client";

/** Sends the task's callback again, waits briefly for the first attempt, then reloads the list. */
export const ResendButton = ({ taskId }: { taskId: string }) => {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const resend = async () => {
    setBusy(true);
    setResult(null);
    try {
      const sent = await trpc.callbacks.resend.mutate({ task_id: taskId, wait_ms: 5000 });
      setResult(
        sent.success
          ? { ok: true, text: "Delivered." }
          : {
              ok: false,
              text: `Queued again; ${sent.status}${sent.error ? `: ${sent.error}` : ""}.`,
            },
      );
      router.refresh();
    } catch (error) {
      setResult({ ok: false, text: describeError(error).message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button size="sm" variant="secondary" disabled={busy} onClick={() => void resend()}>
        {busy ? "Sending…" : "Resend"}
      </Button>
      {result ? (
        <span
          role="status"
          className={`text-xs ${result.ok ? "text-emerald-800" : "text-amber-900"}`}
        >
          {result.text}
        </span>
      ) : null}
    </div>
  );
};
