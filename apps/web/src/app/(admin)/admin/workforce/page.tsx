import { TASK_TYPE_IDS } from "@taskforge/schema";
import type { Metadata } from "next";

import { Badge, Card, EmptyState, PageHeader, Table, Td, Th } from "~/components/ui";
import { serverCaller } from "~/trpc/server";

import { AddWorkerForm, GrantForm, RevokeGrant } from "./workforce-actions";

export const metadata: Metadata = { title: "Workforce · Admin" };

const percent = (accuracy: number | null) =>
  accuracy === null ? "no gold yet" : `${Math.round(accuracy * 100)}%`;

export default async function WorkforcePage() {
  const caller = await serverCaller();
  const [workers, projects] = await Promise.all([caller.workforce.list(), caller.admin.projects()]);
  const projectLabel = new Map(
    projects.map((p) => [p.id, `${p.organization_name} / ${p.name}${p.is_test ? " (test)" : ""}`]),
  );
  const nameOf = (id: string | null) => (id ? (projectLabel.get(id) ?? id) : "—");

  return (
    <>
      <PageHeader
        title="Workforce"
        description="Taskers and reviewers, the work they may take, and their accuracy on gold tasks."
      />
      <div className="space-y-6">
        <div className="grid gap-6 lg:grid-cols-2">
          <Card title="Add a Tasker or reviewer">
            <AddWorkerForm />
          </Card>
          <Card title="Grant access">
            {workers.length === 0 ? (
              <p className="text-sm text-slate-600">Add a Tasker or reviewer first.</p>
            ) : (
              <GrantForm
                workers={workers.map((w) => ({ id: w.user_id, email: w.email }))}
                projects={projects
                  .filter((p) => !p.archived)
                  .map((p) => ({ id: p.id, label: nameOf(p.id) }))}
                taskTypes={[...TASK_TYPE_IDS]}
              />
            )}
          </Card>
        </div>

        {workers.length === 0 ? (
          <EmptyState title="No Taskers or reviewers yet" />
        ) : (
          <Table caption="Taskers and reviewers">
            <thead>
              <tr>
                <Th>Person</Th>
                <Th>Access</Th>
                <Th>Projects worked on</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {workers.map((worker) => (
                <tr key={worker.user_id} data-testid="worker-row">
                  <Td>
                    <span className="font-medium">{worker.email}</span>
                    <span className="mt-1 flex flex-wrap gap-1">
                      {worker.roles.map((role) => (
                        <Badge key={role} tone={role === "admin" ? "purple" : "blue"}>
                          {role}
                        </Badge>
                      ))}
                    </span>
                  </Td>
                  <Td>
                    {worker.grants.length === 0 ? (
                      <span className="text-slate-600">no access yet</span>
                    ) : (
                      <ul className="space-y-1.5">
                        {worker.grants.map((grant) => (
                          <li key={grant.grant_id} className="flex flex-wrap items-center gap-2">
                            <Badge tone={grant.role === "review" ? "purple" : "blue"}>
                              {grant.role}
                            </Badge>
                            <span className={grant.removed_at ? "text-slate-500 line-through" : ""}>
                              {grant.project_id
                                ? nameOf(grant.project_id)
                                : `every ${grant.task_type ?? ""} task`}
                            </span>
                            {grant.removed_at ? (
                              <span className="text-xs text-slate-600">
                                removed: {grant.removed_reason ?? "no reason given"}
                              </span>
                            ) : (
                              <RevokeGrant
                                grantId={grant.grant_id}
                                what={`${worker.email}’s ${grant.role} access to ${
                                  grant.project_id ? nameOf(grant.project_id) : grant.task_type
                                }`}
                              />
                            )}
                          </li>
                        ))}
                      </ul>
                    )}
                  </Td>
                  <Td>
                    {worker.projects.length === 0 ? (
                      <span className="text-slate-600">none yet</span>
                    ) : (
                      <ul className="space-y-1">
                        {worker.projects.map((stats) => (
                          <li key={stats.project_id}>
                            <span className="font-medium">{nameOf(stats.project_id)}</span>
                            <span className="block text-xs text-slate-600">
                              {stats.submissions} submitted · {stats.gold_count} gold · accuracy{" "}
                              {percent(stats.accuracy)}
                            </span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </div>
    </>
  );
}
