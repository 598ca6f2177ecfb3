import { hasPermission } from "@taskforge/schema";
import { redirect } from "next/navigation";

import { isReviewer, isTasker } from "~/components/shell/work-nav";
import { ButtonLink, Card } from "~/components/ui";
import { getSessionUser } from "~/server/auth";
import { getRuntime } from "~/server/runtime";

export const dynamic = "force-dynamic";

/** Signed-in people go to their work; everyone else sees the instance and how to start. */
export default async function HomePage() {
  const user = await getSessionUser();
  // Members who only label go to their work; everyone else of an organization to its dashboard.
  if (user?.organization && !hasPermission(user.organization.roles, "manage_work")) {
    if (isTasker(user)) redirect("/work");
    if (isReviewer(user)) redirect("/review");
  }
  if (user?.organization) redirect("/tasks");
  if (user?.roles.includes("admin")) redirect("/admin");
  // Taskers and reviewers without an organization of their own go straight to their work.
  if (user && isTasker(user)) redirect("/work");
  if (user && isReviewer(user)) redirect("/review");
  if (user) redirect("/welcome");
  const { db } = await getRuntime();
  return (
    <main className="mx-auto max-w-2xl px-4 py-16">
      <p className="text-sm font-semibold uppercase tracking-widest text-brand-700">taskforge</p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight">taskforge is running</h1>
      <p className="mt-3 text-slate-700">
        Self-hosted human data labeling with a Scale-compatible Task API.
      </p>
      <div className="mt-6 flex gap-3">
        <ButtonLink href="/sign-in">Sign in</ButtonLink>
        <ButtonLink href="/sign-up" variant="secondary">
          Create an organization
        </ButtonLink>
      </div>
      <Card className="mt-8" title="This instance">
        <ul className="space-y-1 text-sm text-slate-700">
          <li>
            Database: <code>{db.kind === "pglite" ? "embedded (PGlite)" : "PostgreSQL"}</code>
          </li>
          <li>
            Scale-compatible API: <code>/v1</code> (<a href="/v1/openapi.json">OpenAPI</a>)
          </li>
          <li>
            Typed API: <code>/api/trpc</code> · health: <code>/api/health</code>
          </li>
        </ul>
      </Card>
    </main>
  );
}
