"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";

import { Button } from "~/components/ui";
import { describeError, useTRPC } from "~/trpc/client";

/** Ends staging: the batch's tasks become workable (or the batch completes if all have ended). */
export const FinalizeButton = ({ name }: { name: string }) => {
  const router = useRouter();
  const finalize = useMutation(
    useTRPC().batches.finalize.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  const pending = finalize.isPending;
  const error = finalize.error ? describeError(finalize.error).message : null;
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <Button disabled={pending} onClick={() => finalize.mutate({ name })}>
        {pending ? "Finalizing…" : "Finalize"}
      </Button>
      {error ? (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      ) : null}
    </span>
  );
};
