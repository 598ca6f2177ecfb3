"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { formText } from "~/lib/form";
import { Alert, Button, TextField } from "~/components/ui";

export const SignInForm = () => {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <form
      className="mt-4 space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        setPending(true);
        setError(null);
        void signIn("credentials", {
          email: formText(form, "email"),
          password: formText(form, "password"),
          redirect: false,
        }).then((result) => {
          setPending(false);
          if (result?.ok) {
            router.push("/");
            router.refresh();
          } else
            setError(
              result?.error && result.error !== "CredentialsSignin"
                ? result.error
                : "That email and password do not match an account.",
            );
        });
      }}
    >
      {error ? <Alert tone="error">{error}</Alert> : null}
      <TextField label="Email" name="email" type="email" autoComplete="email" required />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
      />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
};

export const ExternalSignIn = ({ providers }: { providers: { id: string; name: string }[] }) => (
  <div className="mt-4 space-y-2 border-t border-slate-200 pt-4">
    {providers.map((provider) => (
      <Button
        key={provider.id}
        variant="secondary"
        className="w-full"
        onClick={() => void signIn(provider.id, { callbackUrl: "/" })}
      >
        Continue with {provider.name}
      </Button>
    ))}
  </div>
);
