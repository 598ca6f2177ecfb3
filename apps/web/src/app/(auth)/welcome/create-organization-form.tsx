"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

import { formText } from "~/lib/form";
import { Alert, Button, TextField } from "~/components/ui";
import { describeError, trpc } from "~/trpc/client";

export const CreateOrganizationForm = () => {
  const router = useRouter();
  const [error, setError] = useState<{ message: string; field?: string | undefined } | null>(null);
  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        const name = formText(new FormData(event.currentTarget), "name");
        void trpc.account.createOrganization
          .mutate({ name })
          .then(() => {
            router.push("/tasks");
            router.refresh();
          })
          .catch((caught: unknown) => {
            const described = describeError(caught);
            setError({ message: described.message, field: described.fields.name });
          });
      }}
    >
      {error && !error.field ? <Alert tone="error">{error.message}</Alert> : null}
      <TextField label="Organization name" name="name" required error={error?.field} />
      <Button type="submit" className="w-full">
        Create organization
      </Button>
    </form>
  );
};
