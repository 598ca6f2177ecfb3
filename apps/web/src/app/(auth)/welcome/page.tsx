import type { Metadata } from "next";
import { redirect } from "next/navigation";

import { getSessionUser } from "~/server/auth";

import { SignOutButton } from "~/components/sign-out-button";
import { CreateOrganizationForm } from "./create-organization-form";

export const metadata: Metadata = { title: "Welcome" };
export const dynamic = "force-dynamic";

/** Signed in, but in no organization yet (an external sign-in, or a removed member). */
export default async function WelcomePage() {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  if (user.organization) redirect("/tasks");
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Welcome, {user.name ?? user.email}</h1>
      <p className="mb-4 text-sm text-slate-600">
        Create an organization, or open an invitation link from your team.
        {user.roles.length ? (
          <>
            {" "}
            You can also go to the <a href="/admin">admin pages</a>.
          </>
        ) : null}
      </p>
      <CreateOrganizationForm />
      <div className="mt-6 border-t border-slate-200 pt-4">
        <SignOutButton />
      </div>
    </>
  );
}
