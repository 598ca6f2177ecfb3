"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";

import { Alert, Button, Card, TextField } from "~/components/ui";
import { formText } from "~/lib/form";
import { describeError, useTRPC } from "~/trpc/client";
import type { FieldErrors } from "~/trpc/client";

/** The signed-in person's password; changing it signs them out on every other device. */
export const PasswordCard = () => {
  const trpc = useTRPC();
  const [error, setError] = useState<{ message: string; fields: FieldErrors } | null>(null);
  const [done, setDone] = useState(false);
  const change = useMutation(
    trpc.account.changePassword.mutationOptions({
      onSuccess: () => {
        setError(null);
        setDone(true);
      },
      onError: (caught) => {
        setDone(false);
        setError(describeError(caught));
      },
    }),
  );
  return (
    <Card title="Your password">
      <form
        aria-label="Change your password"
        className="grid max-w-md gap-4"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const formElement = event.currentTarget;
          const form = new FormData(formElement);
          change.mutate(
            {
              current_password: formText(form, "current_password"),
              new_password: formText(form, "new_password"),
            },
            { onSuccess: () => formElement.reset() },
          );
        }}
      >
        {done ? (
          <Alert tone="success">
            Password changed. You stay signed in here; every other session of yours has ended.
          </Alert>
        ) : null}
        {error && Object.keys(error.fields).length === 0 ? (
          <Alert tone="error">{error.message}</Alert>
        ) : null}
        <TextField
          label="Current password"
          name="current_password"
          type="password"
          autoComplete="current-password"
          error={error?.fields.current_password}
        />
        <TextField
          label="New password"
          name="new_password"
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters. Other devices signed in as you are signed out."
          error={error?.fields.new_password}
        />
        <div>
          <Button type="submit" disabled={change.isPending}>
            {change.isPending ? "Changing…" : "Change password"}
          </Button>
        </div>
      </form>
    </Card>
  );
};
