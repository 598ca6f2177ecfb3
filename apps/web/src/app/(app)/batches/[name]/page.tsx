import Link from "next/link";
import { notFound } from "next/navigation";

import { Card, PageHeader, StatusBadge, buttonClass } from "~/components/ui";
import { isNotFound, memberCan } from "~/server/session";
import { serverCaller } from "~/trpc/server";

import { BatchProgress } from "../batch-progress";
import { FinalizeButton } from "./finalize-button";

const segment = (value: string) => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

export default async function BatchPage({ params }: { params: Promise<{ name: string }> }) {
  const name = segment((await params).name);
  const caller = await serverCaller();
  const batch = await caller.batches.get({ name }).catch((error: unknown) => {
    if (isNotFound(error)) notFound();
    throw error;
  });
  const status = await caller.batches.status({ name: batch.name });
  const canManage = await memberCan("manage_work");
  const counts = {
    pending: status.pending ?? 0,
    completed: status.completed ?? 0,
    canceled: status.canceled ?? 0,
    error: status.error ?? 0,
  };
  const total = counts.pending + counts.completed + counts.canceled + counts.error;
  const metadata = Object.keys(batch.metadata).length > 0 ? batch.metadata : null;
  return (
    <>
      <PageHeader
        title={batch.name}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <span>
              Project{" "}
              <Link href={`/projects/${encodeURIComponent(batch.project)}`}>{batch.project}</Link>
            </span>
            <StatusBadge status={batch.status} />
          </span>
        }
        actions={
          <>
            <Link
              className={buttonClass("secondary")}
              href={`/tasks?batch=${encodeURIComponent(batch.name)}`}
            >
              See tasks
            </Link>
            {canManage ? (
              <Link
                className={buttonClass("secondary")}
                href={`/tasks/new?batch=${encodeURIComponent(batch.name)}`}
              >
                Add tasks
              </Link>
            ) : null}
            {canManage && batch.status === "staging" ? <FinalizeButton name={batch.name} /> : null}
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card title="Progress" className="lg:col-span-2">
          <BatchProgress name={batch.name} counts={{ ...counts, total }} />
          <dl className="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-4" aria-label="Tasks by status">
            {(["pending", "completed", "error", "canceled"] as const).map((key) => (
              <div key={key} className="rounded-md border border-slate-200 p-3">
                <dt className="text-xs uppercase tracking-wide text-slate-600">{key}</dt>
                <dd className="text-2xl font-semibold tabular-nums text-slate-900">
                  {counts[key]}
                </dd>
              </div>
            ))}
          </dl>
          {batch.status === "staging" ? (
            <p className="mt-4 text-sm text-slate-600">
              This batch is in staging: it takes new tasks, and Taskers see them once you finalize
              it.
            </p>
          ) : null}
        </Card>
        <Card title="Details">
          <dl className="space-y-2 text-sm">
            <div>
              <dt className="text-xs text-slate-600">Created</dt>
              <dd>{batch.created_at.replace("T", " ").slice(0, 19)} UTC</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-600">Callback URL</dt>
              <dd className="break-all">{batch.callback ?? "none"}</dd>
            </div>
            {metadata ? (
              <div>
                <dt className="text-xs text-slate-600">Metadata</dt>
                <dd>
                  <pre className="overflow-x-auto rounded bg-slate-50 p-2 text-xs">
                    {JSON.stringify(metadata, null, 2)}
                  </pre>
                </dd>
              </div>
            ) : null}
          </dl>
        </Card>
      </div>
    </>
  );
}
