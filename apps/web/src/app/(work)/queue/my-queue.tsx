"use client";

import type { RouterOutputs } from "@taskforge/api";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";

import { Alert, Card, EmptyState, StatusBadge, Table, Td, Th } from "~/components/ui";
import { describeError, useTRPC } from "~/trpc/client";

type Stats = RouterOutputs["work"]["stats"];

const percent = (value: number) => `${Math.round(value * 100)}%`;

const duration = (seconds: number | null) => {
  if (seconds === null) return "—";
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
};

const when = (iso: string) => new Date(iso).toLocaleString();

const Figure = ({ label, value }: { label: string; value: number | string }) => (
  <div className="rounded-lg border border-slate-200 bg-white px-4 py-3">
    <dt className="text-xs font-semibold uppercase tracking-wide text-slate-600">{label}</dt>
    <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">{value}</dd>
  </div>
);

/**
 * A worker's own queue page: what they did today and in total, what waits for them, how review
 * judged their work, their accuracy on gold tasks, and their last assignments. "Today" is the
 * browser's day.
 */
export const MyQueue = () => {
  // The browser's midnight, fixed for the visit (so the query's input, and key, stay the same).
  const [todayStart] = useState(() => {
    const midnight = new Date();
    midnight.setHours(0, 0, 0, 0);
    return midnight.toISOString();
  });
  const query = useQuery(useTRPC().work.stats.queryOptions({ today_start: todayStart }));
  const stats: Stats | undefined = query.data;

  if (query.isError) return <Alert tone="error">{describeError(query.error).message}</Alert>;
  if (!stats) return <p className="text-sm text-slate-600">Loading…</p>;
  return (
    <div className="space-y-6">
      <dl
        aria-label="Your figures"
        className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6"
      >
        <Figure label="Submitted today" value={stats.submitted_today} />
        <Figure label="Submitted in total" value={stats.submitted_total} />
        <Figure label="Waiting in your queue" value={stats.pending_in_queue} />
        <Figure label="Accepted in review" value={stats.reviewed.accepted} />
        <Figure label="Fixed in review" value={stats.reviewed.fixed} />
        <Figure label="Rejected in review" value={stats.reviewed.rejected} />
      </dl>

      <Card title="Accuracy on gold tasks">
        {stats.gold.length === 0 ? (
          <p className="text-sm text-slate-600">No project has scored your work yet.</p>
        ) : (
          <ul className="space-y-1 text-sm" aria-label="Accuracy by project">
            {stats.gold.map((g) => (
              <li key={g.project_id} className="flex flex-wrap gap-2">
                <span className="font-medium">{g.project}</span>
                <span className="text-slate-700">
                  {percent(g.accuracy)} over {g.gold_count} gold{" "}
                  {g.gold_count === 1 ? "task" : "tasks"}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>

      {stats.recent.length === 0 ? (
        <EmptyState title="No work yet">Open the workspace and press Start.</EmptyState>
      ) : (
        <Table caption="Your recent work">
          <thead>
            <tr>
              <Th>Task</Th>
              <Th>Type</Th>
              <Th>As</Th>
              <Th>Status</Th>
              <Th>Claimed</Th>
              <Th>Time spent</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {stats.recent.map((work) => (
              <tr key={work.assignment_id} data-testid="recent-row">
                <Td>
                  <code className="text-xs">{work.task_id}</code>
                  {work.project ? (
                    <span className="block text-xs text-slate-600">{work.project}</span>
                  ) : null}
                </Td>
                <Td>{work.type}</Td>
                <Td>{work.kind === "review" ? "reviewer" : "Tasker"}</Td>
                <Td>
                  <StatusBadge status={work.status} />
                </Td>
                <Td>
                  <time dateTime={work.claimed_at}>{when(work.claimed_at)}</time>
                </Td>
                <Td>{duration(work.work_seconds)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
};
