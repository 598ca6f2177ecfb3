"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

import { Button } from "~/components/ui";
import { describeError, trpc } from "~/trpc/client";

/** Ends staging: the batch's tasks become workable (or the batch completes if all have ended). */
export const FinalizeButton = ({ name }: { name: string }) => {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <Button
        disabled={pending}
        onClick={() => {
          setPending(true);
          setError(null);
          trpc.batches.finalize
            .mutate({ name })
            .then(() => router.refresh())
            .catch((caught: unknown) => setError(describeError(caught).message))
            .finally(() => setPending(false));
        }}
      >
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
