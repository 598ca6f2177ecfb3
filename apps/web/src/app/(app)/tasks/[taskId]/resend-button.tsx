"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { Button } from "~/components/ui";
import { describeError, useTRPC } from "~/trpc/client";

/** Sends the task's callback again, waits briefly for the first attempt, then reloads the list. */
export const ResendButton = ({ taskId }: { taskId: string }) => {
  const router = useRouter();
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const resend = useMutation(
    useTRPC().callbacks.resend.mutationOptions({
      onMutate: () => setResult(null),
      onSuccess: (sent) => {
        setResult(
          sent.success
            ? { ok: true, text: "Delivered." }
            : {
                ok: false,
                text: `Queued again; ${sent.status}${sent.error ? `: ${sent.error}` : ""}.`,
              },
        );
        router.refresh();
      },
      onError: (error) => setResult({ ok: false, text: describeError(error).message }),
    }),
  );
  const busy = resend.isPending;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button
        size="sm"
        variant="secondary"
        disabled={busy}
        onClick={() => resend.mutate({ task_id: taskId, wait_ms: 5000 })}
      >
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
