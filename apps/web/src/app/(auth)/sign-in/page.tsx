import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";

import { Alert } from "~/components/ui";
import { signInMessage } from "~/lib/sign-in-messages";
import { externalSignInOptions, getSessionUser } from "~/server/auth";

import { ExternalSignIn, SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  if (await getSessionUser()) redirect("/");
  const params = await searchParams;
  const message = signInMessage(params.message);
  const failed = typeof params.error === "string";
  const providers = await externalSignInOptions();
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">Sign in</h1>
      {message ? <Alert tone="error">{message}</Alert> : null}
      {failed && !message ? <Alert tone="error">Sign-in failed. Try again.</Alert> : null}
      <SignInForm />
      {providers.length ? <ExternalSignIn providers={providers} /> : null}
      <p className="mt-6 text-sm text-slate-600">
        No account? <Link href="/sign-up">Create an organization</Link>
      </p>
    </>
  );
}
