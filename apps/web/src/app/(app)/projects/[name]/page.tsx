import { hasPermission } from "@taskforge/schema";
import Link from "next/link";
import { notFound } from "next/navigation";

import { Alert, Badge, Card, PageHeader, ProgressBar, StatusBadge } from "~/components/ui";
import { isNotFound, requireMember } from "~/server/session";
import { serverCaller } from "~/trpc/server";

import { EditParamsForm } from "./edit-params-form";
import { ImportTemplates } from "./import-templates";
import { MediaDrop } from "./media-drop";
import { WorkforceCard } from "./workforce-card";
import { VersionHistory } from "./version-history";
import { WorkSettingsForm } from "./work-settings-form";

// Segments arrive encoded or decoded depending on the router path; decoding twice must not throw.
const segment = (value: string) => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

export default async function ProjectPage({ params }: { params: Promise<{ name: string }> }) {
  const name = segment((await params).name);
  const caller = await serverCaller();
  const project = await caller.projects.get({ name }).catch((error: unknown) => {
    if (isNotFound(error)) notFound();
    throw error;
  });
  const user = await requireMember();
  // The page only decides what to offer; the server checks the permission again on every save.
  const canManage = hasPermission(user.organization.roles, "manage_work");
  const [counts, batches, workforce, stuck] = await Promise.all([
    caller.projects.taskCounts(),
    caller.batches.list({ project: project.name, limit: 20 }),
    canManage ? caller.staffing.project({ project: project.name }) : null,
    caller.staffing.stuck({ project: project.name, limit: 1 }),
  ]);
  const count = counts.find((c) => c.project === project.name);
  const latest = project.param_history.at(-1);
  return (
    <>
      <PageHeader
        title={project.name}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <span className="font-mono">{project.type}</span>
            <span aria-hidden="true">·</span>
            <span>created {project.created_at.slice(0, 10)}</span>
            {project.studio ? <Badge tone="purple">studio</Badge> : null}
            {project.rapid ? <Badge tone="purple">rapid</Badge> : null}
            {project.archived ? <Badge>archived</Badge> : null}
          </span>
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          {canManage ? (
            <>
              <Card title="Add tasks from files">
                <div className="space-y-4">
                  <MediaDrop project={project.name} type={project.type} />
                  <ImportTemplates type={project.type} />
                </div>
              </Card>
              <Card title={latest ? `Edit params (now v${latest.version})` : "Set params"}>
                <EditParamsForm
                  project={project.name}
                  type={project.type}
                  latest={latest ?? null}
                />
              </Card>
            </>
          ) : null}
          <Card title="Work settings">
            <WorkSettingsForm
              project={project.name}
              saved={project.work_settings}
              canEdit={canManage}
            />
          </Card>
          <Card title={`Versions (${project.param_history.length})`}>
            <VersionHistory history={project.param_history} />
          </Card>
        </div>
        <div className="space-y-6">
          <Card title="Tasks">
            <p className="mb-2 text-sm text-slate-700">
              {count?.completed ?? 0} of {count?.total ?? 0} completed
            </p>
            <ProgressBar
              value={count && count.total > 0 ? count.completed / count.total : 0}
              label="Tasks completed"
            />
            <dl className="mt-3 grid grid-cols-2 gap-1 text-sm">
              {(["pending", "completed", "canceled", "error"] as const).map((status) => (
                <div key={status} className="contents">
                  <dt>
                    <StatusBadge status={status} />
                  </dt>
                  <dd className="text-right tabular-nums">{count?.[status] ?? 0}</dd>
                </div>
              ))}
            </dl>
            <Link
              className="mt-3 inline-block text-sm"
              href={`/tasks?project=${encodeURIComponent(project.name)}`}
            >
              See the project&apos;s tasks
            </Link>
          </Card>
          <Card title="Batches">
            {batches.docs.length === 0 ? (
              <p className="text-sm text-slate-600">No batches yet.</p>
            ) : (
              <ul className="space-y-1 text-sm">
                {batches.docs.map((batch) => (
                  <li key={batch.name} className="flex items-center justify-between gap-2">
                    <Link href={`/batches/${encodeURIComponent(batch.name)}`}>{batch.name}</Link>
                    <StatusBadge status={batch.status} />
                  </li>
                ))}
              </ul>
            )}
            <Link
              className="mt-3 inline-block text-sm"
              href={`/batches/new?project=${encodeURIComponent(project.name)}`}
            >
              New batch in this project
            </Link>
          </Card>
          {workforce ? (
            <Card title="Workforce">
              <WorkforceCard workforce={workforce} />
            </Card>
          ) : null}
          {stuck.tasks.length ? (
            <Alert tone="warning">
              Some of this project&apos;s tasks have nobody who can take them.{" "}
              <Link href="/attention">See what needs attention</Link>.
            </Alert>
          ) : null}
        </div>
      </div>
    </>
  );
}
