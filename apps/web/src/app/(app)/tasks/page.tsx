import { CUSTOMER_REVIEW_STATUSES, TASK_STATUSES, TASK_TYPE_IDS } from "@taskforge/schema";
import type { TaskListResponse } from "@taskforge/schema";
import Link from "next/link";

import { Alert, ButtonLink, EmptyState, PageHeader, buttonClass } from "~/components/ui";
import { memberCan } from "~/server/session";
import { serverCaller } from "~/trpc/server";

import { ExportMatching } from "../exports/_components/export-matching";
import { FiltersForm } from "./_table/filters-form";
import type { FilterOptions } from "./_table/filters-form";
import { listInputOf, pageLinks, pageStateFrom, tasksHref } from "./_table/query";
import { TasksTable } from "./_table/tasks-table";

export const metadata = { title: "Tasks · taskforge" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The page's filters without its paging: what "Export all matching…" exports. */
const exportFiltersOf = (state: ReturnType<typeof pageStateFrom>) => {
  const { limit: _limit, next_token: _token, ...filters } = listInputOf(state);
  return filters;
};

const errorMessage = (error: unknown) =>
  error instanceof Error ? error.message : "The tasks could not be loaded.";

/**
 * The organization's tasks, newest first. Everything (filters, page size, the keyset page) comes
 * from the URL, and the first render is done here on the server with the same `tasks.list`
 * procedure the API offers, so the page opens with its rows and total in one round trip.
 */
export default async function TasksPage({ searchParams }: { searchParams: SearchParams }) {
  const state = pageStateFrom(await searchParams);
  const caller = await serverCaller();
  const canManage = await memberCan("manage_work");
  const [list, projects, batches] = await Promise.all([
    caller.tasks.list(listInputOf(state)).then(
      (result): { ok: true; result: TaskListResponse } => ({ ok: true, result }),
      (error: unknown) => ({ ok: false as const, message: errorMessage(error) }),
    ),
    caller.projects.list({}).then(
      (rows) => rows.map((project) => project.name),
      () => null,
    ),
    caller.batches.list({ limit: 100 }).then(
      (page) => (page.total > page.docs.length ? null : page.docs.map((batch) => batch.name)),
      () => null,
    ),
  ]);
  const options: FilterOptions = {
    statuses: TASK_STATUSES,
    types: TASK_TYPE_IDS,
    reviewStatuses: CUSTOMER_REVIEW_STATUSES,
    projects,
    batches,
  };
  const filtered = Object.keys(state.filters).length > 0;

  return (
    <>
      <PageHeader
        title="Tasks"
        description="Every task of your organization, newest first."
        actions={
          canManage ? (
            <>
              <ExportMatching filters={exportFiltersOf(state)} />
              <ButtonLink href="/tasks/new">Create tasks</ButtonLink>
            </>
          ) : null
        }
      />
      <FiltersForm
        // Remounts on navigation so the fields show the URL's filters after Back or "Clear".
        key={JSON.stringify([state.filters, state.limit])}
        filters={state.filters}
        limit={state.limit}
        options={options}
      />
      {!list.ok ? (
        <Alert tone="error">
          <p className="font-medium">The tasks could not be listed.</p>
          <p>{list.message}</p>
          <p className="mt-1">
            <Link href="/tasks" className="underline">
              Start over without filters
            </Link>
          </p>
        </Alert>
      ) : (
        <TaskResults state={state} result={list.result} filtered={filtered} canManage={canManage} />
      )}
    </>
  );
}

const TaskResults = ({
  state,
  result,
  filtered,
  canManage,
}: {
  state: ReturnType<typeof pageStateFrom>;
  result: TaskListResponse;
  filtered: boolean;
  canManage: boolean;
}) => {
  const links = pageLinks(state, result.next_token);
  const total = `${result.total.toLocaleString("en-US")} ${result.total === 1 ? "task" : "tasks"}`;
  if (result.total === 0 && !state.nextToken) {
    return filtered ? (
      <EmptyState title="No tasks match these filters">
        <Link href={tasksHref({}, state.limit)} className="underline">
          Clear filters
        </Link>
      </EmptyState>
    ) : canManage ? (
      <EmptyState title="No tasks yet">
        Create tasks <Link href="/tasks/new">here</Link> or through the API with an{" "}
        <Link href="/api-keys">API key</Link>.
      </EmptyState>
    ) : (
      <EmptyState title="No tasks yet">A manager of your organization creates tasks.</EmptyState>
    );
  }
  return (
    <section aria-label="Task list">
      <p className="mb-2 text-sm font-medium text-slate-800" data-testid="tasks-total">
        {total}
        {filtered ? " match these filters" : ""}
      </p>
      <TasksTable tasks={result.docs} canManage={canManage} />
      <nav aria-label="Pagination" className="mt-3 flex items-center justify-between gap-3 text-sm">
        <span className="text-slate-600">
          Page {links.pageNumber}
          {result.docs.length
            ? ` · ${result.docs.length} ${result.docs.length === 1 ? "task" : "tasks"} shown`
            : ""}
        </span>
        <span className="flex gap-2">
          {links.previous ? (
            <Link href={links.previous} className={buttonClass("secondary", "sm")}>
              Previous page
            </Link>
          ) : null}
          {links.next ? (
            <Link href={links.next} className={buttonClass("secondary", "sm")}>
              Next page
            </Link>
          ) : null}
        </span>
      </nav>
    </section>
  );
};
