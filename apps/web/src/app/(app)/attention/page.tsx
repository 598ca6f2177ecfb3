import { hasPermission, STUCK_REASON_LABELS } from "@taskforge/schema";
import Link from "next/link";

import { Badge, EmptyState, PageHeader, Table, Td, Th } from "~/components/ui";
import { currentMode, requireMember } from "~/server/session";
import { serverCaller } from "~/trpc/server";

import { RequeueButton } from "./requeue-button";

export const metadata = { title: "Needs attention · taskforge" };

/**
 * Pending tasks nobody can take: no member holds the role, the project picks members and none is
 * picked, every eligible worker already had their turn this round, or the platform workforce is
 * needed but not let in. Tasks with problem reports and nobody else to take them need a manager.
 */
export default async function AttentionPage() {
  const user = await requireMember();
  const caller = await serverCaller();
  const mode = await currentMode();
  const { tasks, needs_attention } = await caller.staffing.stuck({ limit: 200 });
  const canManage = hasPermission(user.organization.roles, "manage_work");
  return (
    <>
      <PageHeader
        title="Needs attention"
        description="Pending tasks that no eligible worker can take, and why. Give members the annotator or reviewer role, pick members on the project page, or return a task to the queue."
      />
      {mode === "test" ? (
        <EmptyState title="Test tasks are never served to workers">
          Switch to live data to see the work queue.
        </EmptyState>
      ) : tasks.length === 0 ? (
        <EmptyState title="Nothing is stuck">
          Every pending task has someone who can take it.
        </EmptyState>
      ) : (
        <>
          <p className="mb-3 text-sm text-slate-700" data-testid="attention-summary">
            {tasks.length} task{tasks.length === 1 ? "" : "s"} nobody can take; {needs_attention}{" "}
            with problem reports.
          </p>
          <Table caption="Tasks nobody can take">
            <thead>
              <tr>
                <Th>Task</Th>
                <Th>Project</Th>
                <Th>Waits for</Th>
                <Th>Why</Th>
                <Th>
                  <span className="sr-only">Action</span>
                </Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {tasks.map((task) => (
                <tr key={task.task_id} data-testid="attention-row">
                  <Td>
                    <Link className="font-mono text-xs" href={`/tasks/${task.task_id}`}>
                      {task.task_id}
                    </Link>
                    <div className="text-xs text-slate-500">
                      {task.type} · round {task.round}
                    </div>
                  </Td>
                  <Td>
                    {task.project ? (
                      <Link href={`/projects/${encodeURIComponent(task.project)}`}>
                        {task.project}
                      </Link>
                    ) : (
                      <span className="text-slate-500">none</span>
                    )}
                  </Td>
                  <Td>{task.stage === "annotate" ? "an annotator" : "a reviewer"}</Td>
                  <Td>
                    {task.reason === "reported" ? <Badge tone="red">needs attention</Badge> : null}
                    <p className="mt-1 max-w-md text-sm">{STUCK_REASON_LABELS[task.reason]}</p>
                    {task.reports.length ? (
                      <ul className="mt-1 list-disc pl-5 text-xs text-slate-600">
                        {task.reports.map((report, index) => (
                          <li key={index}>{report}</li>
                        ))}
                      </ul>
                    ) : null}
                  </Td>
                  <Td className="text-right">
                    {canManage && task.can_requeue ? <RequeueButton taskId={task.task_id} /> : null}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </>
      )}
    </>
  );
}
