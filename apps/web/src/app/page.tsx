import { createCaller, createContext } from "@taskforge/api";
import { TASK_STATUSES } from "@taskforge/schema";
import type { TaskListResponse } from "@taskforge/schema";
import { TRPCError } from "@trpc/server";
import { cookies } from "next/headers";
import Link from "next/link";

import { getRuntime } from "~/server/runtime";

import { API_KEY_COOKIE } from "./_components/api-key-cookie";
import { TaskTable } from "./_components/task-table";
import { forgetApiKey, openWithApiKey } from "./actions";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function HomePage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const { db } = await getRuntime();
  const apiKey = (await cookies()).get(API_KEY_COOKIE)?.value;

  const status = (
    <section className="card">
      <h1>taskforge is running</h1>
      <p className="muted">
        Database: <code>{db.kind === "pglite" ? "embedded (PGlite)" : "PostgreSQL"}</code> ·
        Scale-compatible API: <code>/v1</code> (<a href="/v1/openapi.json">OpenAPI</a>) · typed API:{" "}
        <code>/api/trpc</code> · health: <code>/api/health</code>
      </p>
    </section>
  );

  if (!apiKey) {
    return (
      <>
        {status}
        <section className="card">
          <h2>Open your organization&apos;s tasks</h2>
          <p className="muted">
            Paste an API key (<code>live_…</code> or <code>test_…</code>). A first start of the
            embedded database prints a demo organization&apos;s keys;{" "}
            <code>TASKFORGE_BOOTSTRAP_API_KEY</code> sets your own.
          </p>
          {first(params.error) === "invalid_key" ? (
            <p className="error">That API key is not valid.</p>
          ) : null}
          <form action={openWithApiKey} className="inline">
            <input
              type="password"
              name="api_key"
              placeholder="live_…"
              aria-label="API key"
              required
            />
            <button type="submit">Open</button>
          </form>
        </section>
      </>
    );
  }

  const caller = createCaller(
    await createContext({ db, headers: new Headers({ authorization: `Bearer ${apiKey}` }) }),
  );
  const statusFilter = first(params.status);
  const nextToken = first(params.next_token);
  let page: TaskListResponse;
  try {
    page = await caller.tasks.list({
      limit: 50,
      ...(statusFilter && (TASK_STATUSES as readonly string[]).includes(statusFilter)
        ? { status: statusFilter as never }
        : {}),
      ...(nextToken ? { next_token: nextToken } : {}),
    });
  } catch (error) {
    if (error instanceof TRPCError && error.code === "UNAUTHORIZED") {
      return (
        <>
          {status}
          <section className="card">
            <p className="error">This API key no longer works.</p>
            <form action={forgetApiKey}>
              <button type="submit">Use another key</button>
            </form>
          </section>
        </>
      );
    }
    throw error;
  }

  return (
    <>
      {status}
      <section className="card">
        <div className="pager">
          <h2>Tasks ({page.total})</h2>
          <form action={forgetApiKey}>
            <button type="submit" className="secondary">
              Sign out
            </button>
          </form>
        </div>
        <form className="inline" method="get">
          <select name="status" defaultValue={statusFilter ?? ""} aria-label="Status">
            <option value="">All statuses</option>
            {TASK_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
          <button type="submit" className="secondary">
            Filter
          </button>
        </form>
        <TaskTable tasks={page.docs} />
        <div className="pager">
          <span className="muted">{page.docs.length} shown</span>
          {page.next_token ? (
            <Link
              href={{
                query: {
                  ...(statusFilter ? { status: statusFilter } : {}),
                  next_token: page.next_token,
                },
              }}
            >
              Next page →
            </Link>
          ) : null}
        </div>
      </section>
    </>
  );
}
