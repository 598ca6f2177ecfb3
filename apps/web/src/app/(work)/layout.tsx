import { forbidden, redirect } from "next/navigation";
import type { ReactNode } from "react";

import { AppShell } from "~/components/shell/app-shell";
import { isWorker, workNavFor } from "~/components/shell/work-nav";
import { getSessionUser } from "~/server/auth";

export const dynamic = "force-dynamic";

/**
 * The pages of Taskers and reviewers. They need no organization of their own (the work comes from
 * customers'); a member of one also gets a way back to their dashboard.
 */
export default async function WorkLayout({ children }: { children: ReactNode }) {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  // Signed in but without a work role: told so (403), with the way back, rather than a 404.
  if (!isWorker(user)) forbidden();
  const nav = [
    ...workNavFor(user),
    ...(user.organization ? [{ href: "/tasks", label: "← Dashboard" }] : []),
    ...(user.roles.includes("admin") ? [{ href: "/admin", label: "Admin" }] : []),
  ];
  return (
    <AppShell nav={nav} title="Work" user={user}>
      {children}
    </AppShell>
  );
}
