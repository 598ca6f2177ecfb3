"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

import { Button } from "~/components/ui";
import { describeError, trpc } from "~/trpc/client";

/** Returns a task nobody can take to the queue (a new round, open to this round's workers again). */
export const RequeueButton = ({ taskId }: { taskId: string }) => {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex flex-col items-end gap-1">
      <Button
        size="sm"
        variant="secondary"
        disabled={pending}
        onClick={() => {
          setPending(true);
          setError(null);
          trpc.staffing.requeue
            .mutate({ task_id: taskId })
            .then(() => router.refresh())
            .catch((caught: unknown) => setError(describeError(caught).message))
            .finally(() => setPending(false));
        }}
      >
        Return to queue
      </Button>
      {error ? (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      ) : null}
    </div>
  );
};
