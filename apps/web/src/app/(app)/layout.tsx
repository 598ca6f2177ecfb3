import { hasPermission } from "@taskforge/schema";
import type { Permission } from "@taskforge/schema";
import type { ReactNode } from "react";

import { AppShell } from "~/components/shell/app-shell";
import { workNavFor } from "~/components/shell/work-nav";
import { currentMode, requireMember } from "~/server/session";

export const dynamic = "force-dynamic";

/** Each link with what the member's roles must allow: nobody sees a link they cannot open. */
const NAV: { href: string; label: string; needs: Permission }[] = [
  { href: "/tasks", label: "Tasks", needs: "read" },
  { href: "/tasks/new", label: "Create tasks", needs: "manage_work" },
  { href: "/projects", label: "Projects", needs: "read" },
  { href: "/batches", label: "Batches", needs: "read" },
  { href: "/exports", label: "Exports", needs: "read" },
  { href: "/attention", label: "Needs attention", needs: "read" },
  { href: "/api-keys", label: "API keys", needs: "use_api" },
  { href: "/settings", label: "Settings", needs: "read" },
];

/** Every customer page requires a member of an organization (each page's data is scoped again by its procedures). */
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await requireMember();
  const nav = [
    ...NAV.filter((item) => hasPermission(user.organization.roles, item.needs)),
    ...workNavFor(user),
    ...(user.roles.includes("admin") ? [{ href: "/admin", label: "Admin" }] : []),
  ];
  return (
    <AppShell nav={nav} title={user.organization.name} user={user} mode={await currentMode()}>
      {children}
    </AppShell>
  );
}
