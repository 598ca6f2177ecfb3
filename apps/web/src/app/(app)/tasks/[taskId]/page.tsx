import { TaskRenderer } from "@taskforge/editors";
import { getTaskType, TaskIdSchema } from "@taskforge/schema";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";

import { Card, PageHeader, StatusBadge } from "~/components/ui";
import { isNotFound, memberCan } from "~/server/session";
import { serverCaller } from "~/trpc/server";
import { AuditActions } from "./audit-actions";
import { Instruction } from "./instruction";
import { AuditList, Deliveries, HistoryLog, TaskFields } from "./sections";

export const metadata: Metadata = { title: "Task · taskforge" };

type Props = { params: Promise<{ taskId: string }> };

/** This page's origin as the browser sees it: signed attachment URLs must be absolute. */
const requestOrigin = async () => {
  const list = await headers();
  const host = list.get("x-forwarded-host") ?? list.get("host") ?? "localhost";
  return `${list.get("x-forwarded-proto") ?? "http"}://${host}`;
};

/** Loads the task, its history and its callbacks; another organization's task is a 404. */
const load = async (taskId: string) => {
  const caller = await serverCaller();
  try {
    const task = await caller.tasks.get({ task_id: taskId });
    const [history, deliveries, resolved] = await Promise.all([
      caller.tasks.history({ task_id: taskId }),
      caller.callbacks.list({ task_id: taskId }),
      // Uploaded attachments (`taskforge://files/…`) become short-lived URLs the browser can load.
      caller.files.resolve({ params: task.params, base_url: await requestOrigin() }),
    ]);
    // The task object stays as stored (the raw JSON shows it); renderers get the loadable params.
    return {
      task,
      params: resolved.params as typeof task.params,
      history,
      deliveries: deliveries.docs,
    };
  } catch (error) {
    if (isNotFound(error)) notFound();
    throw error;
  }
};

export default async function TaskPage({ params }: Props) {
  const { taskId } = await params;
  // A malformed id cannot name any task: the same 404 as a missing one.
  if (!TaskIdSchema.safeParse(taskId).success) notFound();
  const { task, params: viewParams, history, deliveries } = await load(taskId);
  const canManage = await memberCan("manage_work");
  const title = getTaskType(task.type)?.title ?? task.type;

  return (
    <div className="space-y-6">
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            {title} task
            <StatusBadge status={task.status} />
          </span>
        }
        description={
          <span className="flex flex-wrap items-center gap-2">
            <code>{task.task_id}</code>
            <span>·</span>
            <span>{task.type}</span>
            <span>· review:</span>
            <StatusBadge status={task.customer_review_status} />
            {task.is_test ? <StatusBadge status="test" /> : null}
          </span>
        }
      />

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card title="Instruction">
            <Instruction markdown={task.instruction} />
          </Card>
          <Card title={task.response ? "Attachment and response" : "Attachment"}>
            <TaskRenderer type={task.type} params={viewParams} response={task.response} />
          </Card>
          {task.prior_responses?.length ? (
            <details className="rounded-lg border border-slate-200 bg-white p-4">
              <summary className="cursor-pointer text-sm font-semibold text-slate-900">
                Prior responses ({task.prior_responses.length})
              </summary>
              <div className="mt-3 space-y-6">
                {task.prior_responses.map((prior, index) => (
                  <section key={index} aria-label={`Prior response ${index + 1}`}>
                    <h3 className="mb-2 text-sm font-medium text-slate-700">
                      Prior response {index + 1}
                    </h3>
                    <TaskRenderer type={task.type} params={viewParams} response={prior} />
                  </section>
                ))}
              </div>
            </details>
          ) : null}
          {canManage && task.status === "completed" ? (
            <Card title="Audit">
              <AuditActions
                taskId={task.task_id}
                type={task.type}
                params={viewParams}
                response={task.response}
              />
            </Card>
          ) : null}
          <Card title={`Audits (${task.audits.length})`}>
            <AuditList audits={task.audits} />
          </Card>
          <Card title={`Callback deliveries (${deliveries.length})`}>
            <Deliveries
              taskId={task.task_id}
              deliveries={deliveries}
              canResend={canManage && (Boolean(task.callback_url) || deliveries.length > 0)}
            />
          </Card>
        </div>
        <div className="space-y-6">
          <Card title="Details">
            <TaskFields task={task} />
          </Card>
          <Card title="History">
            <HistoryLog events={history} />
          </Card>
        </div>
      </div>

      <details className="rounded-lg border border-slate-200 bg-white p-4">
        <summary className="cursor-pointer text-sm font-semibold text-slate-900">
          Raw JSON of the task object
        </summary>
        <pre className="mt-3 max-h-[32rem] overflow-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">
          {JSON.stringify(task, null, 2)}
        </pre>
      </details>
    </div>
  );
}
