import Link from "next/link";

import {
  Badge,
  ButtonLink,
  EmptyState,
  PageHeader,
  ProgressBar,
  Table,
  Td,
  Th,
} from "~/components/ui";
import { memberCan } from "~/server/session";
import { serverCaller } from "~/trpc/server";

export const metadata = { title: "Projects · taskforge" };

export default async function ProjectsPage() {
  const caller = await serverCaller();
  const canManage = await memberCan("manage_work");
  const [projects, counts] = await Promise.all([
    caller.projects.list({}),
    caller.projects.taskCounts(),
  ]);
  const countsOf = new Map(counts.map((c) => [c.project, c]));
  return (
    <>
      <PageHeader
        title="Projects"
        description="A project fixes a task type and the params (and instruction) its tasks inherit; each change is a new version."
        actions={canManage ? <ButtonLink href="/projects/new">New project</ButtonLink> : null}
      />
      {projects.length === 0 ? (
        <EmptyState title="No projects yet">
          {canManage ? (
            <>
              <Link href="/projects/new">Create a project</Link> to share params between tasks.
            </>
          ) : (
            "A manager of your organization creates projects."
          )}
        </EmptyState>
      ) : (
        <Table caption="Projects">
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Type</Th>
              <Th>Params version</Th>
              <Th className="text-right">Tasks</Th>
              <Th className="w-48">Completed</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {projects.map((project) => {
              const latest = project.param_history.at(-1);
              const count = countsOf.get(project.name);
              const total = count?.total ?? 0;
              return (
                <tr key={project.name}>
                  <Td>
                    <Link
                      href={`/projects/${encodeURIComponent(project.name)}`}
                      className="font-medium"
                    >
                      {project.name}
                    </Link>
                    {project.archived ? (
                      <span className="ml-2">
                        <Badge>archived</Badge>
                      </span>
                    ) : null}
                  </Td>
                  <Td className="font-mono text-xs">{project.type}</Td>
                  <Td>{latest ? `v${latest.version}` : "—"}</Td>
                  <Td className="text-right tabular-nums">{total}</Td>
                  <Td>
                    <ProgressBar
                      value={total > 0 ? (count?.completed ?? 0) / total : 0}
                      label={`${project.name}: ${count?.completed ?? 0} of ${total} tasks completed`}
                    />
                  </Td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}
    </>
  );
}
