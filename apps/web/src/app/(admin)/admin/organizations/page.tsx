import type { Metadata } from "next";

import { EmptyState, PageHeader, Table, Td, Th } from "~/components/ui";
import { formatTime } from "~/lib/format-time";
import { serverCaller } from "~/trpc/server";

export const metadata: Metadata = { title: "Organizations · Admin" };

const Count = ({ value, tone = "" }: { value: number; tone?: string }) => (
  <span className={`tabular-nums ${value === 0 ? "text-slate-500" : tone}`}>{value}</span>
);

export default async function OrganizationsPage() {
  const organizations = await (await serverCaller()).admin.organizations();
  return (
    <>
      <PageHeader
        title="Organizations"
        description={`${organizations.length} organization${organizations.length === 1 ? "" : "s"} on this installation. Task counts are for live data; test-mode tasks are counted apart.`}
      />
      {organizations.length === 0 ? (
        <EmptyState title="No organizations yet">People create one when they sign up.</EmptyState>
      ) : (
        <Table caption="Organizations with members and task counts">
          <thead>
            <tr>
              <Th>Organization</Th>
              <Th>Created</Th>
              <Th className="text-right">Members</Th>
              <Th className="text-right">Pending</Th>
              <Th className="text-right">Completed</Th>
              <Th className="text-right">Canceled</Th>
              <Th className="text-right">Error</Th>
              <Th className="text-right">Live total</Th>
              <Th className="text-right">Test tasks</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {organizations.map((org) => (
              <tr key={org.id} data-testid="organization-row">
                <Td>
                  <span className="font-medium">{org.name}</span>
                  <span className="block font-mono text-xs text-slate-500">{org.id}</span>
                </Td>
                <Td className="whitespace-nowrap">{formatTime(org.created_at)}</Td>
                <Td className="text-right">
                  <Count value={org.member_count} />
                  <span className="block text-xs text-slate-600">
                    {org.owner_count} owner{org.owner_count === 1 ? "" : "s"}
                  </span>
                </Td>
                <Td className="text-right">
                  <Count value={org.live_tasks.pending} tone="text-brand-800" />
                </Td>
                <Td className="text-right">
                  <Count value={org.live_tasks.completed} tone="text-emerald-800" />
                </Td>
                <Td className="text-right">
                  <Count value={org.live_tasks.canceled} />
                </Td>
                <Td className="text-right">
                  <Count value={org.live_tasks.error} tone="font-semibold text-red-700" />
                </Td>
                <Td className="text-right font-medium">
                  <Count value={org.live_tasks.total} />
                </Td>
                <Td className="text-right">
                  <Count value={org.test_tasks.total} />
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}
