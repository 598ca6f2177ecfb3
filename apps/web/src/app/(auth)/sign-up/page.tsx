import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";

import { getSessionUser } from "~/server/auth";

import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create an organization" };
export const dynamic = "force-dynamic";

export default async function SignUpPage() {
  if (await getSessionUser()) redirect("/");
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Create an organization</h1>
      <p className="mb-4 text-sm text-slate-600">You will be its owner and can invite your team.</p>
      <SignUpForm />
      <p className="mt-6 text-sm text-slate-600">
        Have an account? <Link href="/sign-in">Sign in</Link>
      </p>
    </>
  );
}
