import type { ReactNode } from "react";

import { AppShell } from "~/components/shell/app-shell";
import { workNavFor } from "~/components/shell/work-nav";
import { currentMode, requireMember } from "~/server/session";

export const dynamic = "force-dynamic";

const NAV = [
  { href: "/tasks", label: "Tasks" },
  { href: "/tasks/new", label: "Create tasks" },
  { href: "/projects", label: "Projects" },
  { href: "/batches", label: "Batches" },
  { href: "/exports", label: "Exports" },
  { href: "/attention", label: "Needs attention" },
  { href: "/api-keys", label: "API keys" },
  { href: "/settings", label: "Settings" },
];

/** Every customer page requires a member of an organization (each page's data is scoped again by its procedures). */
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await requireMember();
  const nav = [
    ...NAV,
    ...workNavFor(user),
    ...(user.roles.includes("admin") ? [{ href: "/admin", label: "Admin" }] : []),
  ];
  return (
    <AppShell nav={nav} title={user.organization.name} user={user} mode={await currentMode()}>
      {children}
    </AppShell>
  );
}
