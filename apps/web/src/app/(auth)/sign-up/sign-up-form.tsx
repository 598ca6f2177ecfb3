"use client";

import { useMutation } from "@tanstack/react-query";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { formText } from "~/lib/form";
import { Alert, Button, TextField } from "~/components/ui";
import { describeError, useTRPC } from "~/trpc/client";
import type { FieldErrors } from "~/trpc/client";

/** Creates the account (and organization, or joins by invitation), then signs in with it. */
export const SignUpForm = ({
  invitationToken,
  email,
}: {
  invitationToken?: string;
  email?: string | null;
}) => {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<FieldErrors>({});
  const [pending, setPending] = useState(false);
  const trpc = useTRPC();
  const signUp = useMutation(trpc.account.signUp.mutationOptions());

  const submit = async (form: FormData) => {
    const credentials = {
      email: formText(form, "email"),
      password: formText(form, "password"),
    };
    try {
      await signUp.mutateAsync({
        ...credentials,
        name: formText(form, "name") || undefined,
        ...(invitationToken
          ? { invitation_token: invitationToken }
          : { organization_name: formText(form, "organization_name") }),
      });
    } catch (caught) {
      const described = describeError(caught);
      setError(described.message);
      setFields(described.fields);
      return;
    }
    const result = await signIn("credentials", { ...credentials, redirect: false });
    if (!result?.ok) {
      setError("Your account was created, but signing in failed: sign in again.");
      return;
    }
    router.push("/tasks");
    router.refresh();
  };

  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        setPending(true);
        setError(null);
        setFields({});
        void submit(new FormData(event.currentTarget)).finally(() => setPending(false));
      }}
    >
      {/* Field errors are shown at their fields; the summary is for the rest. */}
      {error && Object.keys(fields).length === 0 ? <Alert tone="error">{error}</Alert> : null}
      <TextField label="Your name" name="name" autoComplete="name" error={fields.name} />
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={email ?? undefined}
        readOnly={Boolean(email)}
        error={fields.email}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        minLength={10}
        required
        hint="At least 10 characters, and not a common password."
        error={fields.password}
      />
      {invitationToken ? null : (
        <TextField
          label="Organization name"
          name="organization_name"
          required
          error={fields.organization_name}
        />
      )}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Creating…" : invitationToken ? "Join" : "Create organization"}
      </Button>
    </form>
  );
};
