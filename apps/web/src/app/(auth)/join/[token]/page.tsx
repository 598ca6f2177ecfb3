import type { Metadata } from "next";
import Link from "next/link";
import { MEMBER_ROLE_LABELS } from "@taskforge/schema";

import { Alert } from "~/components/ui";
import { getSessionUser } from "~/server/auth";
import { serverCaller } from "~/trpc/server";

import { SignUpForm } from "../../sign-up/sign-up-form";
import { AcceptInvitation } from "./accept-invitation";

export const metadata: Metadata = { title: "Join an organization" };
export const dynamic = "force-dynamic";

export default async function JoinPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const caller = await serverCaller();
  const invitation = await caller.account.describeInvitation({ token }).catch(() => null);
  if (!invitation)
    return (
      <>
        <h1 className="mb-4 text-xl font-semibold">Invitation</h1>
        <Alert tone="error">
          This invitation link is not valid: it was used, revoked or has expired. Ask for a new one.
        </Alert>
      </>
    );
  const user = await getSessionUser();
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Join {invitation.organization_name}</h1>
      <p className="mb-4 text-sm text-slate-600">
        You are invited as{" "}
        {invitation.roles.map((role) => MEMBER_ROLE_LABELS[role].toLowerCase()).join(", ")}.
      </p>
      {user?.organization ? (
        <Alert tone="warning">
          You are signed in as {user.email}, a member of {user.organization.name}. An account
          belongs to one organization; sign out to join with another account.
        </Alert>
      ) : user ? (
        <AcceptInvitation token={token} />
      ) : (
        <>
          <SignUpForm invitationToken={token} email={invitation.email} />
          <p className="mt-6 text-sm text-slate-600">
            Have an account without an organization? <Link href="/sign-in">Sign in</Link>, then open
            this link again.
          </p>
        </>
      )}
    </>
  );
}
