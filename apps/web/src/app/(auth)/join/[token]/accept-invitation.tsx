"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";

import { Alert, Button } from "~/components/ui";
import { describeError, useTRPC } from "~/trpc/client";

export const AcceptInvitation = ({ token }: { token: string }) => {
  const router = useRouter();
  const accept = useMutation(
    useTRPC().account.acceptInvitation.mutationOptions({
      onSuccess: () => {
        router.push("/tasks");
        router.refresh();
      },
    }),
  );
  const error = accept.error ? describeError(accept.error).message : null;
  return (
    <div className="space-y-3">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Button className="w-full" onClick={() => accept.mutate({ token })}>
        Accept invitation
      </Button>
    </div>
  );
};
