import Link from "next/link";

import {
  ButtonLink,
  EmptyState,
  PageHeader,
  StatusBadge,
  Table,
  Td,
  Th,
  buttonClass,
} from "~/components/ui";
import { memberCan } from "~/server/session";
import { serverCaller } from "~/trpc/server";

import { BatchProgress } from "./batch-progress";

export const metadata = { title: "Batches · taskforge" };

const PAGE_SIZE = 25;

export default async function BatchesPage({
  searchParams,
}: {
  searchParams: Promise<{ offset?: string; project?: string }>;
}) {
  const query = await searchParams;
  const offset = Math.max(0, Number.parseInt(query.offset ?? "0", 10) || 0);
  const caller = await serverCaller();
  const canManage = await memberCan("manage_work");
  const list = await caller.batches.list({
    offset,
    limit: PAGE_SIZE,
    ...(query.project ? { project: query.project } : {}),
  });
  const counts =
    list.docs.length > 0
      ? await caller.batches.taskCounts({ names: list.docs.map((b) => b.name) })
      : [];
  const countsOf = new Map(counts.map((c) => [c.batch, c]));
  const pageHref = (next: number) =>
    `/batches?offset=${next}${query.project ? `&project=${encodeURIComponent(query.project)}` : ""}`;
  return (
    <>
      <PageHeader
        title="Batches"
        description={
          query.project
            ? `Batches of project ${query.project}, newest first.`
            : "Groups of tasks in a project, newest first."
        }
        actions={canManage ? <ButtonLink href="/batches/new">New batch</ButtonLink> : null}
      />
      {list.docs.length === 0 ? (
        <EmptyState title="No batches yet">
          {canManage ? (
            <>
              <Link href="/batches/new">Create a batch</Link> in a project, then add tasks to it.
            </>
          ) : (
            "A manager of your organization creates batches."
          )}
        </EmptyState>
      ) : (
        <>
          <Table caption="Batches">
            <thead>
              <tr>
                <Th>Name</Th>
                <Th>Project</Th>
                <Th>Status</Th>
                <Th className="w-72">Progress</Th>
                <Th>Created</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {list.docs.map((batch) => (
                <tr key={batch.name}>
                  <Td>
                    <Link
                      href={`/batches/${encodeURIComponent(batch.name)}`}
                      className="font-medium"
                    >
                      {batch.name}
                    </Link>
                  </Td>
                  <Td>
                    <Link href={`/projects/${encodeURIComponent(batch.project)}`}>
                      {batch.project}
                    </Link>
                  </Td>
                  <Td>
                    <StatusBadge status={batch.status} />
                  </Td>
                  <Td>
                    <BatchProgress
                      name={batch.name}
                      counts={
                        countsOf.get(batch.name) ?? {
                          total: 0,
                          pending: 0,
                          completed: 0,
                          canceled: 0,
                          error: 0,
                        }
                      }
                    />
                  </Td>
                  <Td className="whitespace-nowrap text-xs text-slate-600">
                    {batch.created_at.slice(0, 10)}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <nav aria-label="Pages" className="mt-4 flex items-center justify-between text-sm">
            <span className="text-slate-600">
              {offset + 1}–{offset + list.docs.length} of {list.total}
            </span>
            <span className="flex gap-2">
              {offset > 0 ? (
                <Link
                  className={buttonClass("secondary", "sm")}
                  href={pageHref(Math.max(0, offset - PAGE_SIZE))}
                >
                  Previous
                </Link>
              ) : null}
              {list.has_more ? (
                <Link
                  className={buttonClass("secondary", "sm")}
                  href={pageHref(offset + PAGE_SIZE)}
                >
                  Next
                </Link>
              ) : null}
            </span>
          </nav>
        </>
      )}
    </>
  );
}
