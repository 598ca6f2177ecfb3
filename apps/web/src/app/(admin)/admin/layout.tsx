import type { ReactNode } from "react";

import { AppShell } from "~/components/shell/app-shell";
import { requireAdmin } from "~/server/session";

export const dynamic = "force-dynamic";

const NAV = [
  { href: "/admin/organizations", label: "Organizations" },
  { href: "/admin/workforce", label: "Workforce" },
  { href: "/admin/queue", label: "Queue health" },
];

/** Platform admin pages; anyone else is told the page does not exist. */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await requireAdmin();
  const nav = user.organization ? [{ href: "/tasks", label: "← Dashboard" }, ...NAV] : NAV;
  return (
    <AppShell nav={nav} title="Platform admin" user={user}>
      {children}
    </AppShell>
  );
}
