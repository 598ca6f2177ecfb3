import type { Metadata } from "next";
import type { ReactNode } from "react";

import { Badge, ButtonLink, Card, EmptyState, PageHeader, Table, Td, Th } from "~/components/ui";
import { formatAge, formatTime } from "~/lib/format-time";
import { serverCaller } from "~/trpc/server";

export const metadata: Metadata = { title: "Queue health · Admin" };

const Stat = ({
  label,
  value,
  detail,
  warn = false,
}: {
  label: string;
  value: ReactNode;
  detail?: ReactNode;
  warn?: boolean;
}) => (
  <div
    className={`rounded-lg border bg-white p-4 ${warn ? "border-amber-300" : "border-slate-200"}`}
  >
    <dt className="text-sm text-slate-600">{label}</dt>
    <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">{value}</dd>
    {detail ? <dd className="mt-1 text-xs text-slate-600">{detail}</dd> : null}
  </div>
);

export default async function QueueHealthPage() {
  const health = await (await serverCaller()).admin.queueHealth();
  const { callbacks } = health;
  return (
    <>
      <PageHeader
        title="Queue health"
        description={`Across every organization, as of ${formatTime(health.generated_at)}.`}
        actions={
          <ButtonLink href="/admin/queue" variant="secondary" prefetch={false}>
            Refresh
          </ButtonLink>
        }
      />
      <div className="space-y-6">
        <section aria-labelledby="work-heading">
          <h2 id="work-heading" className="mb-2 text-base font-semibold text-slate-900">
            Work
          </h2>
          <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
            <Stat label="Pending tasks" value={health.pending_total} />
            <Stat
              label="Oldest pending task"
              value={formatAge(health.oldest_pending_age_seconds)}
              detail={
                health.oldest_pending_at
                  ? `since ${formatTime(health.oldest_pending_at)}`
                  : "nothing waits"
              }
            />
            <Stat
              label="Active leases"
              value={health.active_leases}
              detail="claimed, lease running"
            />
            <Stat
              label="Expired leases awaiting sweep"
              value={health.expired_leases_awaiting_sweep}
              detail="returned to the queue by the next sweep"
              warn={health.expired_leases_awaiting_sweep > 0}
            />
          </dl>
        </section>

        <section aria-labelledby="callbacks-heading">
          <h2 id="callbacks-heading" className="mb-2 text-base font-semibold text-slate-900">
            Callback backlog
          </h2>
          <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
            <Stat label="Pending deliveries" value={callbacks.pending} />
            <Stat
              label="Retrying"
              value={callbacks.retrying}
              detail="failed at least once, will try again"
              warn={callbacks.retrying > 0}
            />
            <Stat
              label="Failed"
              value={callbacks.failed}
              detail="gave up; customers can replay them"
              warn={callbacks.failed > 0}
            />
            <Stat
              label="Oldest pending delivery"
              value={formatAge(callbacks.oldest_pending_age_seconds)}
              detail={
                callbacks.oldest_pending_at
                  ? `since ${formatTime(callbacks.oldest_pending_at)}`
                  : "none waiting"
              }
            />
          </dl>
        </section>

        <Card title="Pending tasks by project and type">
          {health.pending_by_project.length === 0 ? (
            <EmptyState title="The queue is empty" />
          ) : (
            <Table caption="Pending tasks by project and type">
              <thead>
                <tr>
                  <Th>Project</Th>
                  <Th>Organization</Th>
                  <Th>Type</Th>
                  <Th className="text-right">Pending</Th>
                  <Th className="text-right">To annotate</Th>
                  <Th className="text-right">To review</Th>
                  <Th>Oldest</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {health.pending_by_project.map((row) => (
                  <tr
                    key={`${row.organization_id}-${row.is_test}-${row.project_id ?? ""}-${row.type}`}
                    data-testid="pending-row"
                  >
                    <Td>
                      {row.project_name ?? <span className="text-slate-600">(no project)</span>}
                      {row.platform_workforce ? null : (
                        <span className="ml-1 text-xs text-slate-500">(members only)</span>
                      )}
                      {row.is_test ? (
                        <span className="ml-2">
                          <Badge tone="amber">test</Badge>
                        </span>
                      ) : null}
                    </Td>
                    <Td>{row.organization_name}</Td>
                    <Td className="font-mono text-xs">{row.type}</Td>
                    <Td className="text-right font-semibold tabular-nums">{row.pending}</Td>
                    <Td className="text-right tabular-nums">{row.annotate}</Td>
                    <Td className="text-right tabular-nums">{row.review}</Td>
                    <Td className="whitespace-nowrap">{formatTime(row.oldest_created_at)}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Card>
      </div>
    </>
  );
}
