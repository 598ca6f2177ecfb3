"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";

import { formText } from "~/lib/form";
import { Alert, Button, TextField } from "~/components/ui";
import { describeError, useTRPC } from "~/trpc/client";

export const CreateOrganizationForm = () => {
  const router = useRouter();
  const create = useMutation(
    useTRPC().account.createOrganization.mutationOptions({
      onSuccess: () => {
        router.push("/tasks");
        router.refresh();
      },
    }),
  );
  const described = create.error ? describeError(create.error) : null;
  const error = described ? { message: described.message, field: described.fields.name } : null;
  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        const name = formText(new FormData(event.currentTarget), "name");
        create.mutate({ name });
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
