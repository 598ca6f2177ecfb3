"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

import { Alert, Button } from "~/components/ui";
import { describeError, trpc } from "~/trpc/client";

export const AcceptInvitation = ({ token }: { token: string }) => {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="space-y-3">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Button
        className="w-full"
        onClick={() =>
          void trpc.account.acceptInvitation
            .mutate({ token })
            .then(() => {
              router.push("/tasks");
              router.refresh();
            })
            .catch((caught: unknown) => setError(describeError(caught).message))
        }
      >
        Accept invitation
      </Button>
    </div>
  );
};
