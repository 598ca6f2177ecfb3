import type { RouterOutputs } from "@taskforge/api";
import type { Task } from "@taskforge/schema";
import type { ReactNode } from "react";

import { StatusBadge, Table, Td, Th } from "~/components/ui";
import { ResendButton } from "./resend-button";

type TaskEvent = RouterOutputs["tasks"]["history"][number];
type Delivery = RouterOutputs["callbacks"]["list"]["docs"][number];

/** Timestamps as sent (UTC ISO-8601), in a <time> so they stay machine-readable. */
export const Timestamp = ({ value }: { value: string | null | undefined }) =>
  value ? (
    <time dateTime={value} className="tabular-nums">
      {value.replace("T", " ").replace("Z", " UTC")}
    </time>
  ) : (
    <span className="text-slate-500">—</span>
  );

const Json = ({ value }: { value: unknown }) => (
  <pre className="max-h-64 overflow-auto rounded-md bg-slate-50 p-2 text-xs text-slate-800">
    {JSON.stringify(value, null, 2)}
  </pre>
);

/** Every other public field of the task, as name/value rows. */
export const TaskFields = ({ task }: { task: Task }) => {
  const rows: [string, ReactNode][] = [
    ["task_id", <code key="id">{task.task_id}</code>],
    ["type", task.type],
    ["status", <StatusBadge key="s" status={task.status} />],
    ["customer_review_status", <StatusBadge key="r" status={task.customer_review_status} />],
    ["created_at", <Timestamp key="c" value={task.created_at} />],
    ["updated_at", <Timestamp key="u" value={task.updated_at} />],
    ["completed_at", <Timestamp key="d" value={task.completed_at} />],
    ["project", task.project ?? "—"],
    ["batch", task.batch ?? "—"],
    ["unique_id", task.unique_id ?? "—"],
    ["tags", task.tags?.length ? task.tags.join(", ") : "—"],
    ["priority", String(task.priority)],
    [
      "project_param_version",
      task.project_param_version === null ? "null" : String(task.project_param_version),
    ],
    ["callback_url", task.callback_url ? <code key="cb">{task.callback_url}</code> : "—"],
    ["callback_completed", String(task.callback_completed)],
    ["times_redone", task.times_redone === undefined ? "—" : String(task.times_redone)],
    ["is_test", String(task.is_test)],
    [
      "customer_review_comments",
      task.customer_review_comments?.length ? task.customer_review_comments.join(" / ") : "—",
    ],
    ["prior_responses", String(task.prior_responses?.length ?? 0)],
    ["metadata", <Json key="m" value={task.metadata} />],
  ];
  return (
    <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr] lg:grid-cols-1">
      {rows.map(([name, value]) => (
        <div key={name} className="contents">
          <dt className="font-mono text-xs text-slate-600 sm:pt-0.5 lg:pt-1">{name}</dt>
          <dd className="min-w-0 break-words text-slate-900" data-field={name}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
};

export const AuditList = ({ audits }: { audits: Task["audits"] }) =>
  audits.length === 0 ? (
    <p className="text-sm text-slate-600">No audits yet.</p>
  ) : (
    <ul aria-label="Audits" className="space-y-2">
      {audits.map((audit, index) => (
        <li key={index} className="rounded-md border border-slate-200 p-3 text-sm">
          <div className="flex flex-wrap items-center gap-2">
            <StatusBadge status={audit.audit_result} />
            <span className="text-slate-700">by {audit.audited_by}</span>
            <span className="text-xs text-slate-500">({audit.audit_source})</span>
            <span className="text-xs text-slate-600">
              <Timestamp value={audit.audited_at} />
            </span>
          </div>
          {audit.comments ? (
            <p className="mt-1 whitespace-pre-wrap text-slate-800">{audit.comments}</p>
          ) : null}
        </li>
      ))}
    </ul>
  );

export const HistoryLog = ({ events }: { events: TaskEvent[] }) =>
  events.length === 0 ? (
    <p className="text-sm text-slate-600">No events.</p>
  ) : (
    <ol aria-label="History" className="space-y-1 border-l-2 border-slate-200 pl-4 text-sm">
      {events.map((event, index) => (
        <li key={index} data-event={event.type}>
          <span className="font-medium text-slate-900">{event.type.replace(/_/g, " ")}</span>
          {typeof event.data.result === "string" ? (
            <span className="text-slate-700"> ({event.data.result})</span>
          ) : null}
          <span className="text-slate-600"> · {event.actor} · </span>
          <span className="text-xs text-slate-600">
            <Timestamp value={event.at} />
          </span>
        </li>
      ))}
    </ol>
  );

export const Deliveries = ({
  taskId,
  deliveries,
  canResend,
}: {
  taskId: string;
  deliveries: Delivery[];
  canResend: boolean;
}) => (
  <div className="space-y-3">
    {canResend ? <ResendButton taskId={taskId} /> : null}
    {deliveries.length === 0 ? (
      <p className="text-sm text-slate-600">No callbacks sent.</p>
    ) : (
      <Table caption="Callback deliveries">
        <thead>
          <tr>
            <Th>Event</Th>
            <Th>Status</Th>
            <Th>Attempts</Th>
            <Th>Last result</Th>
            <Th>Created</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {deliveries.map((delivery) => (
            <tr key={delivery.delivery_id} data-delivery={delivery.delivery_id}>
              <Td>
                {delivery.event}
                <span className="block text-xs break-all text-slate-600">{delivery.url}</span>
              </Td>
              <Td>
                <StatusBadge status={delivery.status} />
              </Td>
              <Td className="tabular-nums">{delivery.attempts}</Td>
              <Td className="text-xs">
                {delivery.last_status_code !== null ? `HTTP ${delivery.last_status_code}` : ""}
                {delivery.last_error ? (
                  <span className="block break-words text-red-800">{delivery.last_error}</span>
                ) : null}
                {delivery.next_attempt_at ? (
                  <span className="block text-slate-600">
                    next attempt <Timestamp value={delivery.next_attempt_at} />
                  </span>
                ) : null}
                {delivery.status === "pending" && delivery.destination.state !== "closed" ? (
                  <span className="block text-amber-800" data-breaker={delivery.destination.state}>
                    {delivery.destination.open_until ? (
                      <>
                        receiver paused until{" "}
                        <Timestamp value={delivery.destination.open_until} />{" "}
                      </>
                    ) : (
                      "receiver being probed "
                    )}
                    after {delivery.destination.consecutive_failures} failures in a row
                  </span>
                ) : null}
              </Td>
              <Td className="text-xs">
                <Timestamp value={delivery.created_at} />
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    )}
  </div>
);
