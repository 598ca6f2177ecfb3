"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";

import { Button } from "~/components/ui";
import { describeError, useTRPC } from "~/trpc/client";

/** Returns a task nobody can take to the queue (a new round, open to this round's workers again). */
export const RequeueButton = ({ taskId }: { taskId: string }) => {
  const router = useRouter();
  const requeue = useMutation(
    useTRPC().staffing.requeue.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  const error = requeue.error ? describeError(requeue.error).message : null;
  return (
    <div className="flex flex-col items-end gap-1">
      <Button
        size="sm"
        variant="secondary"
        disabled={requeue.isPending}
        onClick={() => requeue.mutate({ task_id: taskId })}
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
